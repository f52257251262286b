package org.mcx.desktop.overview;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableNumberValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.FeedItem;

/** The first page: what runs, what waits for someone, how the partner links are, what just happened. */
public final class OverviewView implements Page {
    private final OverviewViewModel vm;
    private final I18n i18n;
    private final VBox root;
    private ListView<FeedItem> recent;

    public OverviewView(OverviewViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        FlowPane cards = new FlowPane(12, 12);
        cards.getChildren().addAll(
                card(Feather.SERVER, "overview.servicesUp", vm.servicesUpProperty()),
                card(Feather.BOX, "overview.applications", vm.applicationCountProperty()),
                card(Feather.CLOCK, "overview.pending", vm.pendingCountProperty()),
                card(Feather.LINK, "overview.partners", vm.partnersConnectedProperty()),
                card(Feather.ACTIVITY, "overview.rate", vm.eventsPerMinuteProperty()),
                card(Feather.SHUFFLE, "overview.accessForwarded", vm.accessForwardedProperty()),
                card(Feather.SHIELD_OFF, "overview.accessRefused", vm.accessRefusedProperty()));
        Label links = new Label();
        links.setId("partner-links");
        links.setWrapText(true);
        links.textProperty().bind(vm.partnerLinksProperty());
        recent = new ListView<>(vm.feed().feed());
        recent.setId("recent-events");
        recent.setPlaceholder(new Label(i18n.get("notifications.empty")));
        recent.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(FeedItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Tables.format(item.at()) + "   " + item.text());
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.text()));
            }
        });
        VBox recentBox = Forms.section(i18n.get("overview.recent"), recent);
        VBox.setVgrow(recentBox, Priority.ALWAYS);
        root = Forms.page(cards, Forms.section(i18n.get("overview.partnerLinks"), links), recentBox);
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(2), e -> vm.tick(Instant.now())));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
    }

    private VBox card(Ikon icon, String key, ObservableNumberValue value) {
        return card(icon, key, javafx.beans.binding.Bindings.convert(value));
    }

    private VBox card(Ikon icon, String key, javafx.beans.value.ObservableValue<String> value) {
        Label number = new Label();
        number.textProperty().bind(value);
        number.getStyleClass().add(Styles.TITLE_1);
        Label name = new Label(i18n.get(key), Icons.icon(icon));
        name.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(4, number, name);
        card.getStyleClass().add("card");
        card.setMinWidth(170);
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        card.setAccessibleText(i18n.get(key));
        return card;
    }

    @Override
    public String id() {
        return "overview";
    }

    @Override
    public String title() {
        return i18n.get("nav.overview");
    }

    @Override
    public Ikon icon() {
        return Feather.HOME;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.reload();
        vm.tick(Instant.now());
        recent.requestFocus();
    }
}
