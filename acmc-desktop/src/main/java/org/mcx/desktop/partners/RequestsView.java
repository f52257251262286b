package org.mcx.desktop.partners;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
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
import org.mcx.desktop.common.Dialogs;
import org.mcx.desktop.common.Forms;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;
import org.mcx.desktop.common.Names;
import org.mcx.desktop.common.Page;
import org.mcx.desktop.common.Tables;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;

/**
 * Partner requests of every kind: the inbox to decide (with the request's content and a comment),
 * the outbox with each answer and 18-step timeline; a server identity request, users sent for
 * migration or removed, "collect the answers" (steps 17–18) and calling back what still waits in
 * the outbox.
 */
public final class RequestsView implements Page {
    private final RequestsViewModel vm;
    private final I18n i18n;
    private final Names names;
    private final VBox root;
    private final TabPane tabs;

    public RequestsView(RequestsViewModel vm, ViewContext ctx) {
        this.vm = vm;
        this.i18n = ctx.i18n();
        this.names = ctx.names();
        Tab inbox = new Tab(i18n.get("requests.inbox"), inbox());
        inbox.setId("inbox-tab");
        Tab outgoing = new Tab(i18n.get("requests.outgoing"), outgoing());
        outgoing.setId("outgoing-tab");
        tabs = new TabPane(inbox, outgoing);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        if (!vm.mayDecide() && vm.mayCreate()) {
            tabs.getSelectionModel().select(outgoing); // an administrator without the approver's inbox starts with what they sent
        }
        Button create = Icons.labelled(Feather.SEND, i18n.get("requests.new"));
        create.setId("new-request");
        create.setVisible(vm.mayCreate());
        create.setManaged(vm.mayCreate());
        create.setOnAction(e -> newRequest());
        create.setTooltip(new javafx.scene.control.Tooltip(i18n.get("requests.newHint")));
        MenuButton migration = MigrationMenu.of(vm, i18n, this::owner);
        Button collect = Icons.labelled(Feather.DOWNLOAD, i18n.get("requests.collect"));
        collect.setId("collect-answers");
        collect.setVisible(vm.mayCollect());
        collect.setManaged(vm.mayCollect());
        collect.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.outgoing().items().stream().noneMatch(RequestsViewModel::collectable), vm.outgoing().items()));
        collect.setOnAction(e -> {
            tabs.getSelectionModel().select(outgoing);
            vm.collect();
        });
        Button refresh = Icons.iconOnly(Feather.REFRESH_CW, i18n.get("refresh"));
        refresh.setOnAction(e -> vm.reload());
        var message = Forms.message(vm.commands().messageProperty());
        message.setId("requests-message");
        root = Forms.page(Forms.toolbar(Forms.spacer(), create, migration, collect, refresh), tabs, message,
                Forms.message(vm.incoming().errorProperty()));
        VBox.setVgrow(tabs, Priority.ALWAYS);
    }

    private Node inbox() {
        TableView<Exchange.Request> table = RequestTable.of(vm.incoming(), "incoming-table", "requests.col.from", i18n, names);
        VBox detail = new VBox(8);
        TextArea comment = new TextArea();
        comment.setId("request-comment");
        comment.setPromptText(i18n.get("requests.comment"));
        comment.setAccessibleText(i18n.get("requests.comment"));
        comment.setPrefRowCount(3);
        comment.setWrapText(true);
        Button approve = Icons.labelled(Feather.CHECK, i18n.get("requests.approve"));
        approve.setId("approve-request");
        approve.getStyleClass().add(Styles.SUCCESS);
        Button reject = Icons.labelled(Feather.X, i18n.get("requests.reject"));
        reject.setId("reject-request");
        reject.getStyleClass().add(Styles.DANGER);
        var selected = table.getSelectionModel().selectedItemProperty();
        var notDecidable = Bindings.createBooleanBinding(() -> !RequestsViewModel.decidable(selected.get()), selected);
        approve.disableProperty().bind(notDecidable);
        reject.disableProperty().bind(notDecidable);
        comment.disableProperty().bind(notDecidable);
        approve.setOnAction(e -> vm.decide(selected.get(), Exchange.ApproverDecision.APPROVE, comment.getText())
                .thenRun(comment::clear));
        reject.setOnAction(e -> vm.decide(selected.get(), Exchange.ApproverDecision.REJECT, comment.getText())
                .thenRun(comment::clear));
        VBox decide = new VBox(8, comment, Forms.toolbar(approve, reject));
        decide.setVisible(vm.mayDecide());
        decide.setManaged(vm.mayDecide());
        Button cancelAnswer = cancelButton(selected, "cancel-answer");
        // The request and the decision first; its steps under them.
        VBox steps = new VBox(8);
        Runnable show = () -> {
            detail.getChildren().setAll(RequestDetail.of(selected.get(), i18n, names));
            steps.getChildren().setAll(selected.get() == null ? List.of()
                    : List.of(Forms.section(i18n.get("requests.steps"), StepTimeline.of(selected.get(), i18n, names))));
        };
        selected.addListener((o, was, r) -> show.run());
        names.revisionProperty().addListener((o, was, now) -> show.run());
        show.run();
        Tables.onOpen(table, r -> comment.requestFocus());
        VBox right = Forms.page(Forms.section(i18n.get("requests.content"), detail), decide, cancelAnswer, steps);
        return split(table, right);
    }

    private Node outgoing() {
        TableView<Exchange.Request> table = RequestTable.of(vm.outgoing(), "outgoing-table", "requests.col.partner", i18n, names);
        VBox detail = new VBox(8);
        var selected = table.getSelectionModel().selectedItemProperty();
        Runnable show = () -> detail.getChildren().setAll(withTimeline(selected.get()));
        selected.addListener((o, was, r) -> show.run());
        names.revisionProperty().addListener((o, was, now) -> show.run());
        show.run();
        Tables.onOpen(table, r -> {
            if (RequestsViewModel.collectable(r) && vm.mayCollect()) {
                vm.collect();
            }
        });
        Button cancel = cancelButton(selected, "cancel-request");
        return split(table, Forms.page(cancel, Forms.section(i18n.get("requests.timeline"), detail)));
    }

    /** What was asked and answered, the 18 steps, then the disclosed identities (a table per user). */
    private List<Node> withTimeline(Exchange.Request r) {
        List<Node> nodes = new java.util.ArrayList<>(RequestDetail.of(r, i18n, names));
        if (r != null) {
            int identities = (int) nodes.stream().filter(n -> n.getStyleClass().contains("user-identities")).count();
            nodes.add(nodes.size() - identities, Forms.section(i18n.get("requests.steps"), StepTimeline.of(r, i18n, names)));
        }
        return nodes;
    }

    private static SplitPane split(TableView<?> table, VBox right) {
        ScrollPane pane = new ScrollPane(right);
        pane.setFitToWidth(true);
        pane.setMinWidth(300);
        table.setMinWidth(260);
        SplitPane split = new SplitPane(table, pane);
        split.setDividerPositions(0.45);
        return split;
    }

    /**
     * Calls back a message still waiting in this system's outbox (ADMIN), after asking: what the
     * other system has already stored cannot be called back, and the button only shows while it can.
     */
    private Button cancelButton(javafx.beans.value.ObservableValue<Exchange.Request> selected, String id) {
        Button b = Icons.labelled(Feather.X_OCTAGON, i18n.get(id.equals("cancel-answer") ? "requests.cancelAnswer" : "requests.cancel"));
        b.setId(id);
        b.getStyleClass().add(Styles.DANGER);
        var offered = Bindings.createBooleanBinding(() -> vm.mayCancel() && RequestsViewModel.cancellable(selected.getValue()), selected);
        b.visibleProperty().bind(offered);
        b.managedProperty().bind(offered);
        b.setOnAction(e -> {
            Exchange.Request r = selected.getValue();
            if (r != null && Dialogs.confirm(root.getScene().getWindow(), i18n.get("requests.cancelTitle"),
                    i18n.get("requests.cancelHeader", RequestKinds.name(r, i18n), names.partner(r.partnerSystemId())),
                    i18n.get("requests.cancelConfirm"), i18n.get("requests.cancel"))) {
                vm.cancel(r);
            }
        });
        return b;
    }

    /** The window that owns this view's dialogs (known once the view is shown). */
    private javafx.stage.Window owner() {
        return root.getScene().getWindow();
    }

    private void newRequest() {
        var ctx = vm.context();
        ctx.tasks().call("load partners and users", () -> vm.partners().thenCombine(vm.migratableUsers(), Choices::new))
                .onSuccess(c -> NewRequestDialog.show(root.getScene().getWindow(), i18n, c.partners(), c.users())
                        .ifPresent(choice -> vm.create(choice.partnerSystemId(), choice.users())))
                .onError(f -> vm.commands().messageProperty().set(ctx.errors().describe(f)))
                .start();
    }

    record Choices(List<Console.Partner> partners, List<Console.User> users) {
    }

    @Override
    public boolean create() {
        if (!vm.mayCreate()) {
            return false;
        }
        newRequest();
        return true;
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
        vm.commands().clear();
        vm.reload();
        javafx.scene.Node table = tabs.getSelectionModel().getSelectedItem().getContent().lookup(".table-view");
        if (table != null) {
            table.requestFocus(); // the keyboard starts in the list
        }
    }
}
