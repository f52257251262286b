package org.mcx.desktop.profiles;

import atlantafx.base.controls.CustomTextField;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.SearchBox;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.model.ApplicationProfile;

/** Application profiles: search, edit with validation and a diff, resolve conflicts, see history. */
public final class ProfilesView implements Page {
    private final ProfilesViewModel vm;
    private final I18n i18n;
    private final SplitPane root;
    private final CustomTextField search;
    private final TableView<ProfileRow> table = Tables.table("");
    private final ProfileEditorView editor;

    public ProfilesView(ProfilesViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        search = SearchBox.create(i18n.get("profiles.search"));
        search.setId("profile-search");
        search.textProperty().bindBidirectional(vm.filterProperty());
        table.setId("profiles-table");
        table.setPlaceholder(new javafx.scene.control.Label(i18n.get("profiles.none")));
        table.setItems(vm.rows().sorted());
        vm.rows().sorted().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().setAll(List.of(
                Tables.column(i18n.get("profiles.col.id"), ProfileRow::id),
                Tables.column(i18n.get("profiles.col.application"), r -> r.profile().applicationId()),
                Tables.column(i18n.get("profiles.col.service"), ProfileRow::service),
                Tables.column(i18n.get("profiles.col.version"), ProfileRow::version),
                Tables.column(i18n.get("profiles.col.updatedBy"), r -> r.profile().updatedBy()),
                Tables.time(i18n.get("profiles.col.updatedAt"), r -> r.profile().updatedAt())));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.select(now);
            }
        });
        Button add = Icons.labelled(Feather.PLUS, i18n.get("profiles.new"));
        add.setVisible(vm.editor().maySave());
        add.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            vm.select(null);
        });
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        VBox left = Forms.page(Forms.toolbar(search, Forms.spacer(), add, refresh), table,
                Forms.message(vm.rows().errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);

        editor = new ProfileEditorView(vm.editor(), i18n);
        ListView<ApplicationProfile> history = new ListView<>(vm.history());
        history.setId("profile-history");
        history.setPrefHeight(160);
        history.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ApplicationProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : i18n.get("profiles.historyLine", p.version(), p.updatedBy(),
                        Tables.format(p.updatedAt()), String.join(", ", p.serviceInterfaceDescription().capabilities())));
            }
        });
        VBox right = Forms.page(Forms.section(i18n.get("profiles.editor"), editor.node()),
                Forms.section(i18n.get("profiles.history"), history));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        root = new SplitPane(left, scroll);
        root.setDividerPositions(0.6);
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
    public boolean save() {
        return editor.reviewAndSave();
    }
}
