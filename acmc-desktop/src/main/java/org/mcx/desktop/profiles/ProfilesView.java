package org.mcx.desktop.profiles;

import atlantafx.base.controls.CustomTextField;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.SearchBox;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.common.ViewContext;

/**
 * Application profiles: search, edit with validation and a diff, resolve conflicts, see history.
 * Moving to another profile (or a new one) with unsaved edits asks first; a reload keeps the
 * profile being edited selected.
 */
public final class ProfilesView implements Page {
    private final ProfilesViewModel vm;
    private final I18n i18n;
    private final Tasks tasks;
    private final SplitPane root;
    private final CustomTextField search;
    private final TableView<ProfileRow> table = Tables.table("");
    private final ProfileEditorView editor;
    private boolean reselecting;
    private Button newProfile;

    public ProfilesView(ProfilesViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        this.tasks = ctx.tasks();
        search = SearchBox.create(i18n.get("profiles.search"));
        search.setId("profile-search");
        search.textProperty().bindBidirectional(vm.filterProperty());
        table.setId("profiles-table");
        table.setItems(vm.rows().sorted());
        vm.rows().sorted().comparatorProperty().bind(table.comparatorProperty());
        Tables.placeholder(table, vm.rows(), i18n.get("profiles.none"), i18n);
        table.getColumns().setAll(List.of(
                Tables.column(i18n.get("profiles.col.application"), ProfileRow::application),
                Tables.column(i18n.get("profiles.col.service"), ProfileRow::service),
                Tables.column(i18n.get("profiles.col.version"), ProfileRow::version),
                Tables.column(i18n.get("profiles.col.updatedBy"), r -> r.profile().updatedBy()),
                Tables.time(i18n.get("profiles.col.updatedAt"), r -> r.profile().updatedAt())));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> selectionChanged(was, now));
        // A reload replaces the rows: keep the one being edited selected.
        table.getItems().addListener((javafx.collections.ListChangeListener<ProfileRow>) c -> keepEditedSelected());
        Button add = Icons.labelled(Feather.PLUS, i18n.get("profiles.new"));
        newProfile = add;
        add.setId("new-profile");
        add.setVisible(vm.editor().maySave());
        add.setManaged(vm.editor().maySave());
        add.setTooltip(new javafx.scene.control.Tooltip(i18n.get("profiles.newHint")));
        add.setOnAction(e -> {
            if (mayLeave()) {
                reselecting = true;
                table.getSelectionModel().clearSelection();
                reselecting = false;
                vm.select(null);
            }
        });
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        VBox left = Forms.page(Forms.toolbar(search, Forms.spacer(), add, refresh), table,
                Forms.message(vm.rows().errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
        left.setMinWidth(260);

        editor = new ProfileEditorView(vm.editor(), i18n, ctx.names());
        Tables.onOpen(table, r -> editor.node().lookup("#profile-protocols").requestFocus());
        ListView<String> history = new ListView<>(vm.history());
        history.setId("profile-history");
        history.setPrefHeight(180);
        history.setPlaceholder(new Label(i18n.get("profiles.historyNone")));
        history.setCellFactory(v -> new ListCell<>() {
            // A Text wrapped to the list's width: the cell is as tall as the whole line needs.
            private final javafx.scene.text.Text line = new javafx.scene.text.Text();

            {
                line.wrappingWidthProperty().bind(history.widthProperty().subtract(36));
                line.fillProperty().bind(textFillProperty()); // the theme's colour, light or dark
                line.fontProperty().bind(fontProperty());
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(null);
                line.setText(empty || text == null ? "" : text);
                setGraphic(empty ? null : line);
                setAccessibleText(empty ? null : text);
            }
        });
        VBox right = Forms.page(Forms.section(i18n.get("profiles.editor"), editor.node()),
                Forms.section(i18n.get("profiles.history"), history));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(330);
        root = new SplitPane(left, scroll);
        root.setDividerPositions(0.55);
    }

    private void selectionChanged(ProfileRow was, ProfileRow now) {
        if (reselecting || now == null) {
            return;
        }
        var edited = vm.editor().baseProperty().get();
        if (edited != null && now.id().equals(edited.applicationProfileId())) {
            return; // the same profile, reloaded: the editor learns of a newer version by itself
        }
        if (!mayLeave()) {
            // Back to the profile being edited, once this selection change has finished.
            tasks.later(() -> {
                reselecting = true;
                if (was != null) {
                    table.getSelectionModel().select(was);
                } else {
                    table.getSelectionModel().clearSelection();
                }
                reselecting = false;
            });
            return;
        }
        vm.select(now);
    }

    /** True when there are no unsaved edits, or the person chose to discard them. */
    private boolean mayLeave() {
        if (!vm.editor().dirtyProperty().get()) {
            return true;
        }
        var edited = vm.editor().baseProperty().get();
        return Dialogs.confirm(root.getScene().getWindow(), i18n.get("profiles.discardTitle"),
                i18n.get("profiles.discardHeader", edited == null ? i18n.get("profiles.newProfile") : edited.applicationProfileId()),
                i18n.get("profiles.discardText"), i18n.get("profiles.discard"));
    }

    private void keepEditedSelected() {
        var edited = vm.editor().baseProperty().get();
        ProfileRow selected = table.getSelectionModel().getSelectedItem();
        if (edited == null || edited.applicationProfileId() == null
                || (selected != null && edited.applicationProfileId().equals(selected.id()))) {
            return;
        }
        tasks.later(() -> table.getItems().stream()
                .filter(r -> edited.applicationProfileId().equals(r.id())).findFirst().ifPresent(r -> {
                    reselecting = true;
                    table.getSelectionModel().select(r);
                    reselecting = false;
                }));
    }

    public TableView<ProfileRow> table() {
        return table;
    }

    @Override
    public String id() {
        return "profiles";
    }

    @Override
    public String title() {
        return i18n.get("nav.profiles");
    }

    @Override
    public Ikon icon() {
        return Feather.SLIDERS;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.reload();
        table.requestFocus();
    }

    @Override
    public boolean focusSearch() {
        search.requestFocus();
        return true;
    }

    @Override
    public boolean create() {
        if (!vm.editor().maySave()) {
            return false;
        }
        newProfile.fire();
        editor.node().lookup("#profile-application").requestFocus();
        return true;
    }

    @Override
    public boolean save() {
        return editor.reviewAndSave();
    }
}
