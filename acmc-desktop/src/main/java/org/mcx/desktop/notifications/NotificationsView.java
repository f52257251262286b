package org.mcx.desktop.notifications;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.FeedItem;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live feed with topic chips and an unread count; important events also pop up as toasts. */
public final class NotificationsView implements Page {
    private static final Logger log = LoggerFactory.getLogger(NotificationsView.class);

    private final NotificationsViewModel vm;
    private final I18n i18n;
    private final BorderPane root = new BorderPane();
    private final ListView<FeedItem> list = new ListView<>();

    public NotificationsView(NotificationsViewModel vm, I18n i18n, java.util.function.Supplier<Window> owner) {
        this.vm = vm;
        this.i18n = i18n;
        FlowPane chips = new FlowPane(6, 6);
        for (String family : NotificationsViewModel.FAMILIES) {
            ToggleButton chip = new ToggleButton(i18n.get("family." + family));
            chip.setSelected(true);
            chip.getStyleClass().add(Styles.SMALL);
            chip.selectedProperty().addListener((o, was, on) -> vm.show(family, on));
            chips.getChildren().add(chip);
        }
        Button read = Icons.labelled(Feather.CHECK_CIRCLE, i18n.get("notifications.markRead"));
        read.setOnAction(e -> vm.markAllRead());
        Label unread = new Label();
        unread.textProperty().bind(vm.unreadProperty().asString(i18n.get("notifications.unread")));
        HBox bar = new HBox(12, chips, unread, read);
        HBox.setHgrow(chips, Priority.ALWAYS);
        bar.setPadding(new Insets(0, 0, 8, 0));

        list.setItems(vm.shown());
        list.setPlaceholder(new Label(i18n.get("notifications.empty")));
        list.setCellFactory(v -> new FeedCell());
        list.setId("notification-feed");
        root.setTop(new VBox(bar));
        root.setCenter(list);
        root.setPadding(new Insets(12));
        vm.setToaster(item -> toast(item, owner.get()));
    }

    private void toast(FeedItem item, Window owner) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        try {
            Notifications.create().title(i18n.get("family." + item.family())).text(item.text())
                    .owner(owner).hideAfter(Duration.seconds(6)).showInformation();
            themeToasts(owner);
        } catch (RuntimeException e) {
            // A toast is an extra: the feed already holds the event.
            log.warn("could not show a toast for {}", item.topic(), e);
        }
    }

    /** The toast lives in a popup of its own, which does not see the window's stylesheet: give it ours. */
    private static void themeToasts(Window owner) {
        String css = NotificationsView.class.getResource("/org/mcx/desktop/console.css").toExternalForm();
        for (Window w : Window.getWindows()) {
            if (w instanceof javafx.stage.PopupWindow p && p.getOwnerWindow() == owner && p.getScene() != null
                    && !p.getScene().getStylesheets().contains(css)) {
                p.getScene().getStylesheets().add(css);
            }
        }
    }

    private final class FeedCell extends ListCell<FeedItem> {
        @Override
        protected void updateItem(FeedItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("important");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label when = new Label(Tables.format(item.at()));
            when.getStyleClass().add(Styles.TEXT_MUTED);
            Label topic = new Label(item.topic());
            topic.getStyleClass().add(Styles.TEXT_SMALL);
            Label text = new Label(item.text());
            if (item.important()) {
                text.getStyleClass().add(Styles.ACCENT);
                text.setGraphic(Icons.icon(Feather.ALERT_CIRCLE));
            }
            setGraphic(new HBox(12, when, text, topic));
            setText(null);
        }
    }

    @Override
    public String id() {
        return "notifications";
    }

    @Override
    public String title() {
        return i18n.get("nav.notifications");
    }

    @Override
    public Ikon icon() {
        return Feather.BELL;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.markAllRead();
        list.requestFocus();
    }
}
