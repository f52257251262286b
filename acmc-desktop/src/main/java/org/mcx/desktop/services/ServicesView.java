package org.mcx.desktop.services;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
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
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceType;

/** Registered services with health and last heartbeat. */
public final class ServicesView implements Page {
    private final ServicesViewModel vm;
    private final I18n i18n;
    private final VBox root;
    private final CustomTextField search;
    private final TableView<Console.ServiceInstance> table = Tables.table("");

    public ServicesView(ServicesViewModel vm, I18n i18n) {
        this.vm = vm;
        this.i18n = i18n;
        search = SearchBox.create(i18n.get("services.search"));
        search.textProperty().bindBidirectional(vm.textProperty());
        FlowPane chips = new FlowPane(6, 6);
        for (ServiceType t : ServiceType.values()) {
            chips.getChildren().add(chip(t.name(), on -> vm.showType(t, on)));
        }
        for (Console.InstanceStatus s : Console.InstanceStatus.values()) {
            chips.getChildren().add(chip(i18n.get("services.status." + s.name()), on -> vm.showStatus(s, on)));
        }
        table.setId("services-table");
        // "No service is registered" only when none is; otherwise how many the chips and search hide.
        Tables.placeholder(table, vm.services(), i18n.get("services.none"), i18n);
        Tables.onOpen(table, s -> details(s, i18n));
        table.setItems(vm.services().sorted());
        Tables.keepSelection(table, Console.ServiceInstance::leaseId);
        vm.services().sorted().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().setAll(List.of(
                Tables.column(i18n.get("services.col.health"), s -> ServicesViewModel.healthy(s, Instant.now())
                        ? i18n.get("services.healthy") : i18n.get("services.status." + s.status().name())),
                Tables.column(i18n.get("services.col.id"), Console.ServiceInstance::serviceId),
                Tables.column(i18n.get("services.col.type"), s -> s.serviceType().name()),
                Tables.column(i18n.get("services.col.interface"), Console.ServiceInstance::serviceInterface),
                Tables.wide(Tables.column(i18n.get("services.col.address"), ServicesViewModel::address), 300),
                Tables.column(i18n.get("services.col.node"), Console.ServiceInstance::nodeId),
                Tables.column(i18n.get("services.col.heartbeat"), s -> ServicesViewModel.ago(s.lastHeartbeat(), Instant.now())),
                Tables.time(i18n.get("services.col.registered"), Console.ServiceInstance::registeredAt)));
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        root = Forms.page(Forms.toolbar(search, Forms.spacer(), refresh), chips, table,
                Forms.message(vm.services().errorProperty()));
        VBox.setVgrow(table, Priority.ALWAYS);
        // Heartbeats publish no event: while this page is on screen, its heartbeat ages are refreshed.
        javafx.animation.Timeline poll = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(5), e -> vm.reload()));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                poll.stop();
            } else {
                poll.play();
            }
        });
    }

    private void details(Console.ServiceInstance s, I18n i18n) {
        org.mcx.desktop.common.RowDetails.show(root.getScene().getWindow(), i18n, i18n.get("services.details", s.serviceId()),
                java.util.List.of(java.util.Map.entry(i18n.get("services.col.id"), s.serviceId()),
                        java.util.Map.entry(i18n.get("services.col.type"), s.serviceType().name() + " " + s.serviceInterface()),
                        java.util.Map.entry(i18n.get("services.col.health"), ServicesViewModel.healthy(s, Instant.now())
                                ? i18n.get("services.healthy") : i18n.get("services.status." + s.status().name())),
                        java.util.Map.entry(i18n.get("services.col.address"), ServicesViewModel.address(s)),
                        java.util.Map.entry(i18n.get("services.protocols"), String.join(", ", s.protocols()) + " " + s.version()),
                        java.util.Map.entry(i18n.get("services.col.node"), s.nodeId()),
                        java.util.Map.entry(i18n.get("services.lease"), s.leaseId() + " (" + s.ttlSeconds() + " s)"),
                        java.util.Map.entry(i18n.get("services.col.heartbeat"), Tables.format(s.lastHeartbeat())),
                        java.util.Map.entry(i18n.get("services.col.registered"), Tables.format(s.registeredAt())),
                        java.util.Map.entry(i18n.get("services.metadata"), s.metadata() == null ? "" : s.metadata().toString())));
    }

    private ToggleButton chip(String text, java.util.function.Consumer<Boolean> onChange) {
        ToggleButton b = new ToggleButton(text);
        b.setSelected(true);
        b.getStyleClass().add(Styles.SMALL);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.selectedProperty().addListener((o, was, on) -> onChange.accept(on));
        return b;
    }

    @Override
    public String id() {
        return "services";
    }

    @Override
    public String title() {
        return i18n.get("nav.services");
    }

    @Override
    public Ikon icon() {
        return Feather.SERVER;
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
}
