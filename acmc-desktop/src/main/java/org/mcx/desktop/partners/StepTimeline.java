package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Exchange;

/** The 18 steps as {@link Timeline} gives them: a mark, the step, and when, who or why in words. */
final class StepTimeline {
    private StepTimeline() {
    }

    static GridPane of(Exchange.Request r, I18n i18n, Names names) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setId("step-timeline");
        ColumnConstraints mark = new ColumnConstraints();
        mark.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(mark, what);
        int row = 0;
        for (Timeline.Entry e : Timeline.of(r)) {
            Label icon = new Label(null, Icons.icon(icon(e.state())));
            icon.setAccessibleText(i18n.get("timeline.state." + e.state().name()));
            Label step = new Label(e.step() + ". " + stepName(r, e.step(), i18n));
            step.setWrapText(true);
            step.setMinHeight(Region.USE_PREF_SIZE);
            step.setId("step-" + e.step());
            Label detail = new Label(detail(e, r, i18n, names));
            detail.setWrapText(true);
            detail.setMinHeight(Region.USE_PREF_SIZE);
            detail.getStyleClass().add(Styles.TEXT_SMALL);
            detail.setId("step-" + e.step() + "-detail");
            switch (e.state()) {
                case DONE -> icon.getStyleClass().add(Styles.SUCCESS);
                case ELSEWHERE -> icon.getStyleClass().add(Styles.ACCENT);
                case STOPPED -> icon.getStyleClass().add(Styles.DANGER);
                case WAITING -> icon.getStyleClass().add(Styles.WARNING);
                default -> {
                    step.getStyleClass().add(Styles.TEXT_MUTED);
                    detail.getStyleClass().add(Styles.TEXT_MUTED);
                }
            }
            step.getProperties().put("state", e.state());
            javafx.scene.layout.VBox text = new javafx.scene.layout.VBox(0, step, detail);
            javafx.scene.layout.GridPane.setValignment(icon, javafx.geometry.VPos.TOP);
            grid.addRow(row++, icon, text);
        }
        return grid;
    }

    /** The step in words; a kind may name a step its own way ("Administrator sends users for migration"). */
    static String stepName(Exchange.Request r, int step, I18n i18n) {
        String own = "step." + RequestKinds.kind(r) + "." + step;
        return i18n.get(i18n.has(own) ? own : "step." + step);
    }

    private static Ikon icon(Timeline.State s) {
        return switch (s) {
            case DONE -> Feather.CHECK_CIRCLE;
            case ELSEWHERE -> Feather.GLOBE;
            case AWAITED_ELSEWHERE -> Feather.LOADER;
            case WAITING -> Feather.CLOCK;
            case NOT_NEEDED -> Feather.MINUS_CIRCLE;
            case STOPPED -> Feather.X_CIRCLE;
            case NOT_YET -> Feather.CIRCLE;
        };
    }

    /** "2026-11-22 10:20:14 · admin", "at the partner, before 10:01:00", "not needed: …". */
    static String detail(Timeline.Entry e, Exchange.Request r, I18n i18n, Names names) {
        StringBuilder s = new StringBuilder(i18n.get("timeline.state." + e.state().name()));
        if (e.at() != null) {
            s.append(" · ").append(Tables.format(e.at()));
        }
        if (e.actor() != null) {
            s.append(" · ").append(actor(e.actor(), i18n, names));
        }
        if (e.note() != null) {
            String decision = r.response() == null || r.response().decision() == null ? ""
                    : i18n.get("decision." + r.response().decision().name().toLowerCase(java.util.Locale.ROOT));
            s.append(" — ").append(i18n.get(e.note(), decision));
        }
        return s.toString();
    }

    static String actor(String actor, I18n i18n, Names names) {
        if (actor.startsWith("system:")) {
            return i18n.get("timeline.actor.system", actor.substring(7));
        }
        if (actor.startsWith("partner:")) {
            return i18n.get("timeline.actor.partner", names.partner(actor.substring(8)));
        }
        if (actor.equals("policy")) {
            return i18n.get("timeline.actor.policy");
        }
        return actor;
    }
}
