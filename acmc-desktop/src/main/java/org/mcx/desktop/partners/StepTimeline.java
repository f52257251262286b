package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Tables;
import org.mcx.protocol.message.Exchange;

/** The 18 steps of the exchange (TR 23.700-38 figure 7.x.1.3-1): done ones with time and actor, the rest greyed. */
final class StepTimeline {
    static final int STEPS = 18;

    private StepTimeline() {
    }

    static GridPane of(Exchange.Request r, I18n i18n) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        grid.setId("step-timeline");
        Map<Integer, Exchange.Step> done = r == null || r.steps() == null ? Map.of()
                : r.steps().stream().collect(Collectors.toMap(Exchange.Step::step, Function.identity(), (a, b) -> b));
        for (int n = 1; n <= STEPS; n++) {
            Exchange.Step s = done.get(n);
            Label mark = new Label(null, Icons.icon(s == null ? Feather.CIRCLE : Feather.CHECK_CIRCLE));
            Label what = new Label(n + ". " + i18n.get("step." + n));
            Label when = new Label(s == null ? "" : Tables.format(s.at()) + "  " + (s.actor() == null ? "" : s.actor()));
            if (s == null) {
                what.getStyleClass().add(Styles.TEXT_MUTED);
            } else {
                mark.getStyleClass().add(Styles.SUCCESS);
            }
            when.getStyleClass().add(Styles.TEXT_SMALL);
            grid.addRow(n - 1, mark, what, when);
        }
        return grid;
    }
}
