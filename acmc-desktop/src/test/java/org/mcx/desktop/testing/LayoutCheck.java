package org.mcx.desktop.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * What a person would see cut short: a label, button, check box, tab or column header whose text is
 * elided ("E…"), a text or choice field narrower than its prompt or value, a control pushed past the
 * edge of what shows it (out of the window, or out of a split pane's half) where nothing scrolls to
 * it. Table and list cells are left out: their whole text is in a tooltip. Call on the FX thread,
 * after layout.
 */
public final class LayoutCheck {
    private static final double SLACK = 1.5;

    private LayoutCheck() {
    }

    /** Every problem found under {@code root}, described with the node's text and id. */
    public static List<String> problems(Parent root) {
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>();
        walk(root, root, out);
        return out;
    }

    private static void walk(Parent root, Node n, List<String> out) {
        if (!n.isVisible() || n instanceof VirtualFlow<?>) {
            return;
        }
        if (n instanceof ScrollPane sp && sp.isFitToWidth() && sp.getContent() != null) {
            double need = sp.getContent().minWidth(-1);
            double has = sp.getViewportBounds().getWidth();
            if (has > 0 && need > has + SLACK) {
                out.add("a pane meant to fit its width must scroll sideways: needs " + Math.round(need) + ", has "
                        + Math.round(has) + " (" + describe(sp) + ")");
            }
        }
        if (n instanceof Labeled l) {
            checkLabeled(root, l, out);
        } else if (n instanceof TextField t && !(t.getParent() instanceof Spinner<?>)) {
            checkField(root, t, out);
        } else if (n instanceof ComboBoxBase<?> || n instanceof Spinner<?>) {
            checkBounds(root, n, describe(n), out);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(root, child, out);
            }
        }
    }

    private static void checkLabeled(Parent root, Labeled l, List<String> out) {
        String text = l.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        Node shown = l.lookup(".text");
        if (shown instanceof Text t && t.getParent() == l) {
            String wanted = l.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
            if (!t.getText().equals(wanted) && (t.getText().endsWith("...") || t.getText().endsWith("…")
                    || t.getText().length() < wanted.length())) {
                out.add("cut short: \"" + text + "\" shows as \"" + t.getText() + "\" (" + describe(l) + ", width "
                        + Math.round(l.getWidth()) + ")");
            }
        }
        checkBounds(root, l, "\"" + text + "\" (" + describe(l) + ")", out);
    }

    private static void checkField(Parent root, TextField t, List<String> out) {
        String content = t.getText() == null || t.getText().isEmpty() ? t.getPromptText() : t.getText();
        if (content != null && !content.isEmpty()) {
            String sample = content.length() > 16 ? content.substring(0, 16) : content;
            Text probe = new Text(sample);
            probe.setFont(t.getFont() == null ? Font.getDefault() : t.getFont());
            double need = probe.getLayoutBounds().getWidth() + t.snappedLeftInset() + t.snappedRightInset();
            if (t.getWidth() + SLACK < need) {
                out.add("field too narrow for \"" + sample + "\": " + Math.round(t.getWidth()) + " < " + Math.round(need)
                        + " (" + describe(t) + ")");
            }
        }
        checkBounds(root, t, describe(t), out);
    }

    /** The node must lie inside every clipping ancestor up to the root, unless a scroll pane lets one scroll to it. */
    private static void checkBounds(Parent root, Node n, String what, List<String> out) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        if (b == null || b.getWidth() <= 0) {
            return;
        }
        for (Node a = n.getParent(); a != null && a != root; a = a.getParent()) {
            if (a instanceof ScrollPane || a instanceof javafx.scene.control.TableView<?>
                    || a instanceof javafx.scene.control.ListView<?>) {
                return; // it scrolls into view
            }
        }
        for (Node a = n.getParent(); a != null; a = a.getParent()) {
            if (a.getClip() != null || a == root) {
                Bounds area = a == root ? new javafx.geometry.BoundingBox(0, 0,
                        root.getScene() == null ? root.getLayoutBounds().getWidth() : root.getScene().getWidth(),
                        root.getScene() == null ? root.getLayoutBounds().getHeight() : root.getScene().getHeight())
                        : a.localToScene(a.getLayoutBounds());
                if (b.getMaxX() > area.getMaxX() + SLACK || b.getMinX() < area.getMinX() - SLACK) {
                    out.add("outside what shows it: " + what + " spans x " + Math.round(b.getMinX()) + "–"
                            + Math.round(b.getMaxX()) + ", visible " + Math.round(area.getMinX()) + "–" + Math.round(area.getMaxX()));
                    return;
                }
            }
            if (a == root) {
                return;
            }
        }
    }

    private static String describe(Node n) {
        StringBuilder s = new StringBuilder(n.getClass().getSimpleName());
        if (n.getId() != null) {
            s.append(" #").append(n.getId());
        }
        Node p = n.getParent();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            if (p.getId() != null) {
                s.append(" in #").append(p.getId());
                break;
            }
        }
        return s.toString();
    }
}
