package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Exchange;

/** Partner requests: the inbox to decide, the outgoing ones with their timeline, and "new request". */
public final class RequestsView implements Page {
    private final RequestsViewModel vm;
    private final I18n i18n;
    private final VBox root;

    public RequestsView(RequestsViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        TabPane tabs = new TabPane(new Tab(i18n.get("requests.inbox"), inbox()), new Tab(i18n.get("requests.outgoing"), outgoing()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Button create = Icons.labelled(Feather.SEND, i18n.get("requests.new"));
        create.setId("new-request");
        create.setVisible(vm.mayCreate());
        create.setOnAction(e -> newRequest());
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        root = Forms.page(Forms.toolbar(Forms.spacer(), create, refresh), tabs, Forms.message(vm.commands().messageProperty()),
                Forms.message(vm.incoming().errorProperty()));
        VBox.setVgrow(tabs, Priority.ALWAYS);
    }

    private Node inbox() {
        TableView<Exchange.Request> table = requests(vm.incoming(), "incoming-table");
        VBox detail = new VBox(8);
        TextArea comment = new TextArea();
        comment.setPromptText(i18n.get("requests.comment"));
        comment.setAccessibleText(i18n.get("requests.comment"));
        comment.setPrefRowCount(3);
        Button approve = Icons.labelled(Feather.CHECK, i18n.get("requests.approve"));
        approve.setId("approve-request");
        approve.getStyleClass().add(Styles.SUCCESS);
        Button reject = Icons.labelled(Feather.X, i18n.get("requests.reject"));
        reject.setId("reject-request");
        reject.getStyleClass().add(Styles.DANGER);
        var selected = table.getSelectionModel().selectedItemProperty();
        var notDecidable = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !RequestsViewModel.decidable(selected.get()), selected);
        approve.disableProperty().bind(notDecidable);
        reject.disableProperty().bind(notDecidable);
        approve.setOnAction(e -> vm.decide(selected.get(), Exchange.ApproverDecision.APPROVE, comment.getText()));
        reject.setOnAction(e -> vm.decide(selected.get(), Exchange.ApproverDecision.REJECT, comment.getText()));
        VBox decide = new VBox(8, comment, Forms.toolbar(approve, reject));
        decide.setVisible(vm.mayDecide());
        decide.setManaged(vm.mayDecide());
        selected.addListener((o, was, r) -> detail.getChildren().setAll(content(r)));
        VBox right = Forms.page(Forms.section(i18n.get("requests.content"), detail), decide);
        return new SplitPane(table, fit(new ScrollPane(right)));
    }

    private Node outgoing() {
        TableView<Exchange.Request> table = requests(vm.outgoing(), "outgoing-table");
        VBox detail = new VBox(8);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, r) -> {
            detail.getChildren().setAll(content(r));
            if (r != null) {
                detail.getChildren().add(StepTimeline.of(r, i18n));
            }
        });
        return new SplitPane(table, fit(new ScrollPane(Forms.page(Forms.section(i18n.get("requests.timeline"), detail)))));
    }

    private static ScrollPane fit(ScrollPane pane) {
        pane.setFitToWidth(true);
        return pane;
    }

    private TableView<Exchange.Request> requests(LiveList<Exchange.Request> list, String id) {
        TableView<Exchange.Request> t = Tables.table(i18n.get("requests.none"));
        t.setId(id);
        t.setItems(list.sorted());
        list.sorted().comparatorProperty().bind(t.comparatorProperty());
        t.getColumns().setAll(List.of(
                Tables.column(i18n.get("requests.col.partner"), Exchange.Request::partnerSystemId),
                Tables.column(i18n.get("requests.col.status"), r -> String.valueOf(r.status())),
                Tables.column(i18n.get("requests.col.users"), r -> r.users() == null ? 0 : r.users().size()),
                Tables.column(i18n.get("requests.col.by"), Exchange.Request::requestedBy),
                Tables.time(i18n.get("requests.col.created"), Exchange.Request::createdAt)));
        return t;
    }

    private List<Node> content(Exchange.Request r) {
        if (r == null) {
            return List.of();
        }
        Label head = new Label(i18n.get("requests.detail", r.requestId(), r.partnerSystemId(), r.requestedBy(), r.status()));
        head.setWrapText(true);
        Label users = new Label(i18n.get("requests.usersList", String.join(", ", r.users() == null ? List.of() : r.users())));
        users.setWrapText(true);
        Label answer = new Label(r.response() == null ? i18n.get("requests.noAnswer") : i18n.get("requests.answer",
                r.response().decision(), r.response().decidedBy(), r.response().comment() == null ? "" : r.response().comment(),
                r.response().serverIdentities() == null ? "" : r.response().serverIdentities().stream()
                        .map(u -> u.mcServiceId() + ": " + u.servers().stream().map(s -> s.serverType() + " " + s.identity())
                                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n"))));
        answer.setId("request-answer");
        answer.setWrapText(true);
        return List.of(head, users, answer);
    }

    private void newRequest() {
        var ctx = vm.context();
        ctx.tasks().call("load partners and users", () -> vm.partners().thenCombine(vm.migratableUsers(),
                (p, u) -> new Object[] {p, u})).onSuccess(pu -> {
                    @SuppressWarnings("unchecked")
                    var partners = (List<org.mcx.protocol.message.Console.Partner>) pu[0];
                    @SuppressWarnings("unchecked")
                    var users = (List<org.mcx.protocol.message.Console.User>) pu[1];
                    NewRequestDialog.show(root.getScene().getWindow(), i18n, partners, users)
                            .ifPresent(c -> vm.create(c.partnerSystemId(), c.users()));
                }).onError(f -> Platform.runLater(() -> vm.commands().messageProperty().set(ctx.errors().describe(f))))
                .start();
    }

    @Override
    public String id() {
        return "requests";
    }

    @Override
    public String title() {
        return i18n.get("nav.requests");
    }

    @Override
    public Ikon icon() {
        return Feather.REPEAT;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        vm.reload();
    }
}
