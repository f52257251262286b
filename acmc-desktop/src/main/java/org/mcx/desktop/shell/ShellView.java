package org.mcx.desktop.shell;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.notifications.NotificationsViewModel;

/**
 * The main window's frame: navigation on the left (Ctrl+1 ... Ctrl+0, Ctrl+I and Ctrl+G), the current
 * page in the middle, the link's state and running work in the status bar; Ctrl+F and Ctrl+S go to
 * the current page. A view's shortcut belongs to the view, not to its place in the list, so it is
 * the same for every role (an approver, who has no Audit or Users view, still finds Server
 * identities at Ctrl+I).
 */
public final class ShellView {
    /** Every view's key, whoever is logged in. */
    static final Map<String, String> KEYS = Map.ofEntries(Map.entry("overview", "1"), Map.entry("services", "2"),
            Map.entry("applications", "3"), Map.entry("profiles", "4"), Map.entry("requests", "5"),
            Map.entry("notifications", "6"), Map.entry("audit", "7"), Map.entry("users", "8"), Map.entry("nodes", "9"),
            Map.entry("partners", "0"), Map.entry("identities", "I"), Map.entry("groups", "G"));

    private final List<Page> pages;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ListView<Page> nav = new ListView<>();
    private final HBox toolbar = new HBox(8);
    private Page current;
    private final javafx.beans.property.ObjectProperty<Page> currentPage = new javafx.beans.property.SimpleObjectProperty<>();

    public ShellView(ShellViewModel vm, List<Page> pages, Tasks tasks, NotificationsViewModel notifications,
                     I18n i18n, ThemeSwitch theme) {
        this.pages = pages;
        nav.getItems().setAll(pages);
        nav.setId("navigation");
        nav.setAccessibleText(i18n.get("nav.accessible"));
        nav.setCellFactory(v -> new NavCell(notifications));
        nav.setPrefWidth(230);
        nav.getSelectionModel().selectedItemProperty().addListener((o, was, page) -> {
            if (page != null) {
                show(page);
            }
        });

        Label title = new Label(vm.title());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setId("shell-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button themeButton = Icons.iconOnly(theme.dark() ? Feather.SUN : Feather.MOON, i18n.get("shell.theme"));
        themeButton.setId("theme");
        themeButton.setOnAction(e -> {
            theme.toggle();
            // The icon shows where a press leads: the sun from dark, the moon from light.
            themeButton.setGraphic(Icons.icon(theme.dark() ? Feather.SUN : Feather.MOON));
        });
        Button about = Icons.iconOnly(Feather.INFO, i18n.get("about.title"));
        about.setId("about");
        about.setOnAction(e -> AboutDialog.show(root.getScene().getWindow(), i18n, vm.title()));
        toolbar.getChildren().addAll(title, spacer, about, themeButton);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 12));

        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(vm.linkTextProperty());
        Label link = new Label();
        link.graphicProperty().bind(vm.linkUpProperty().map(up -> Icons.icon(up ? Feather.LINK : Feather.ALERT_TRIANGLE)));
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(16, 16);
        working.visibleProperty().bind(tasks.runningProperty().greaterThan(0));
        working.setAccessibleText(i18n.get("shell.working"));
        Label unread = new Label();
        unread.textProperty().bind(notifications.unreadProperty().asString(i18n.get("notifications.unread")));
        status.getLeftItems().add(link);
        status.getRightItems().addAll(unread, working);

        root.setTop(toolbar);
        root.setLeft(nav);
        root.setCenter(content);
        root.setBottom(status);
    }

    /** Adds a button to the toolbar (the demo's "open the partner's console"). */
    public void addToolbarButton(Button b) {
        toolbar.getChildren().add(toolbar.getChildren().size() - 1, b);
    }

    public void setRight(Node node) {
        root.setRight(node);
    }

    public void show(Page page) {
        if (nav.getSelectionModel().getSelectedItem() != page) {
            nav.getSelectionModel().select(page);
            return;
        }
        current = page;
        // Park the focus on the navigation first: a focus owner removed with the old page would make the
        // scene move the focus on its own after this page has put it where its keyboard user expects.
        if (root.getScene() != null && root.getScene().getFocusOwner() != null && !nav.isFocused()) {
            nav.requestFocus();
        }
        content.getChildren().setAll(page.node());
        // Skins made now, not at the next pulse: a split pane's skin re-parents its items, which would drop
        // the focus the page is about to give one of them.
        page.node().applyCss();
        page.shown();
        currentPage.set(page);
    }

    public void show(String id) {
        pages.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(this::show);
    }

    public Page current() {
        return current;
    }

    /** The page shown now; changes as the person moves between views. */
    public javafx.beans.property.ReadOnlyObjectProperty<Page> currentPageProperty() {
        return currentPage;
    }

    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(ShellView.class.getResource("/org/mcx/desktop/console.css").toExternalForm());
        for (Page p : pages) {
            String key = KEYS.get(p.id());
            if (key != null) {
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+" + key), () -> show(p));
            }
        }
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+F"), () -> {
            if (current != null) {
                current.focusSearch();
            }
        });
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+N"), () -> {
            if (current != null) {
                current.create();
            }
        });
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+S"), () -> {
            if (current != null) {
                current.save();
            }
        });
        if (!pages.isEmpty()) {
            show(pages.get(0));
        }
        return scene;
    }

    /** How the navigation shows a view's shortcut. */
    public static String accelerator(String pageId) {
        String key = KEYS.get(pageId);
        return key == null ? "" : "Ctrl+" + key;
    }

    private final class NavCell extends ListCell<Page> {
        private final NotificationsViewModel notifications;

        NavCell(NotificationsViewModel notifications) {
            this.notifications = notifications;
        }

        @Override
        protected void updateItem(Page page, boolean empty) {
            super.updateItem(page, empty);
            if (empty || page == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(page.title(), Icons.icon(page.icon()));
            name.setGraphicTextGap(10);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Label key = new Label(accelerator(page.id()));
            key.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            HBox row = new HBox(6, name, gap, key);
            if (page.id().equals("notifications")) {
                Label badge = new Label();
                badge.textProperty().bind(notifications.unreadProperty().asString());
                badge.visibleProperty().bind(notifications.unreadProperty().greaterThan(0));
                badge.managedProperty().bind(badge.visibleProperty());
                badge.getStyleClass().addAll(Styles.ACCENT, Styles.TEXT_BOLD);
                row.getChildren().add(2, badge);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
            setAccessibleText(page.title() + " " + accelerator(page.id()));
        }
    }
}
