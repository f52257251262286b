package org.mcx.desktop.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

/**
 * Whether a dialog is usable on a laptop's 1024×700 screen: its window no larger than that, every
 * button of its button bar shown whole inside the window, and its content shown whole above the
 * buttons (what {@link LayoutCheck} does not look at: it checks text and the sides, not the height).
 * Call on the FX thread, once the dialog shows.
 */
public final class DialogFit {
    public static final double LAPTOP_WIDTH = 1024;
    public static final double LAPTOP_HEIGHT = 700;
    private static final double SLACK = 1.5;

    private DialogFit() {
    }

    /** Every problem found, described; empty when the dialog fits. */
    public static List<String> problems(DialogPane pane) {
        List<String> out = new ArrayList<>();
        Scene scene = pane.getScene();
        Window window = scene == null ? null : scene.getWindow();
        if (window == null || !window.isShowing()) {
            out.add("the dialog does not show");
            return out;
        }
        pane.applyCss();
        pane.layout();
        if (window.getWidth() > LAPTOP_WIDTH + SLACK || window.getHeight() > LAPTOP_HEIGHT + SLACK) {
            out.add("the dialog is " + Math.round(window.getWidth()) + "×" + Math.round(window.getHeight())
                    + ", larger than a laptop's " + Math.round(LAPTOP_WIDTH) + "×" + Math.round(LAPTOP_HEIGHT));
        }
        Bounds inside = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        double buttonsTop = Double.MAX_VALUE;
        if (pane.getButtonTypes().isEmpty()) {
            out.add("the dialog has no button to close it");
        }
        for (ButtonType type : pane.getButtonTypes()) {
            Node b = pane.lookupButton(type);
            String what = "the button \"" + type.getText() + "\"";
            if (b == null || !shown(b, pane)) {
                out.add(what + " is not shown");
                continue;
            }
            Bounds bb = b.localToScene(b.getLayoutBounds());
            if (bb.getWidth() <= 0 || bb.getHeight() <= 0) {
                out.add(what + " has no size");
            } else if (!contains(inside, bb)) {
                out.add(what + " lies outside the window: " + describe(bb) + " in " + describe(inside));
            }
            buttonsTop = Math.min(buttonsTop, bb.getMinY());
        }
        Node content = pane.getContent();
        if (content == null || !content.isVisible()) {
            out.add("the dialog shows no content");
        } else {
            Bounds cb = content.localToScene(content.getLayoutBounds());
            if (cb.getWidth() <= 0 || cb.getHeight() <= 0) {
                out.add("the content has no size: " + describe(cb));
            } else if (!contains(inside, cb)) {
                out.add("the content lies outside the window: " + describe(cb) + " in " + describe(inside));
            } else if (cb.getMaxY() > buttonsTop + SLACK) {
                out.add("the content runs under the buttons: its bottom at " + Math.round(cb.getMaxY()) + ", the buttons' top at "
                        + Math.round(buttonsTop));
            }
        }
        return out;
    }

    private static boolean shown(Node n, DialogPane pane) {
        for (Node a = n; a != null; a = a.getParent()) {
            if (!a.isVisible()) {
                return false;
            }
            if (a == pane) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() - SLACK && inner.getMinY() >= outer.getMinY() - SLACK
                && inner.getMaxX() <= outer.getMaxX() + SLACK && inner.getMaxY() <= outer.getMaxY() + SLACK;
    }

    private static String describe(Bounds b) {
        return "x " + Math.round(b.getMinX()) + "–" + Math.round(b.getMaxX()) + ", y " + Math.round(b.getMinY()) + "–"
                + Math.round(b.getMaxY());
    }
}
