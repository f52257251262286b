package org.mcx.desktop.connection;

import atlantafx.base.theme.Styles;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.I18n;
import org.mcx.desktop.common.Icons;

/** The connect window: server, user name, password; errors in plain words; "Start demo" where the demo is installed. */
public final class ConnectView {
    private final ConnectViewModel vm;
    private final I18n i18n;
    private final Consumer<ConsoleSession> onConnected;
    private final VBox root = new VBox(16);
    private final TextField server = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();

    /** {@code startDemo}: empty where the demo is not installed (the console's own package), and then not offered. */
    public ConnectView(ConnectViewModel vm, I18n i18n, Consumer<ConsoleSession> onConnected, Optional<Runnable> startDemo) {
        this.vm = vm;
        this.i18n = i18n;
        this.onConnected = onConnected;
        server.setId("server");
        user.setId("user");
        password.setId("password");
        server.textProperty().bindBidirectional(vm.serverProperty());
        user.textProperty().bindBidirectional(vm.userProperty());
        password.textProperty().bindBidirectional(vm.passwordProperty());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        addRow(form, 0, "connect.server", server);
        addRow(form, 1, "connect.user", user);
        addRow(form, 2, "connect.password", password);

        Label error = new Label();
        error.setId("connect-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        Button connect = Icons.labelled(Feather.LOG_IN, i18n.get("connect.connect"));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.getStyleClass().add(Styles.ACCENT);
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> vm.connect(onConnected));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.setAccessibleText(i18n.get("connect.busy"));
        HBox buttons = new HBox(10, busy);
        startDemo.ifPresent(start -> {
            Button demo = Icons.labelled(Feather.PLAY, i18n.get("connect.demo"));
            demo.setId("start-demo");
            demo.disableProperty().bind(vm.busyProperty());
            demo.setOnAction(e -> start.run());
            buttons.getChildren().add(demo);
        });
        buttons.getChildren().add(connect);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label title = new Label(i18n.get("connect.heading"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(i18n.get("connect.hint") + (startDemo.isPresent() ? " " + i18n.get("connect.hintDemo") : ""));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        root.getChildren().addAll(title, hint, form, error, buttons);
        root.setPadding(new Insets(24));

        Map<ConnectViewModel.Field, Control> fields = Map.of(ConnectViewModel.Field.SERVER, server,
                ConnectViewModel.Field.USER, user, ConnectViewModel.Field.PASSWORD, password);
        vm.errorFieldProperty().addListener((o, was, now) -> fields.forEach((f, c) -> {
            c.pseudoClassStateChanged(Styles.STATE_DANGER, f == now);
            if (f == now) {
                c.requestFocus();
            }
        }));
        vm.untrustedFingerprintProperty().addListener((o, was, fp) -> {
            if (fp != null) {
                askToTrust(fp);
            }
        });
    }

    private void addRow(GridPane form, int row, String key, Control field) {
        Label label = new Label(i18n.get(key));
        label.setLabelFor(field);
        field.setAccessibleText(i18n.get(key));
        GridPane.setHgrow(field, Priority.ALWAYS);
        form.addRow(row, label, field);
    }

    private void askToTrust(String fingerprint) {
        Alert ask = new Alert(Alert.AlertType.WARNING);
        ask.initOwner(root.getScene().getWindow());
        ask.setTitle(i18n.get("connect.trust.title"));
        ask.setHeaderText(i18n.get("connect.trust.header"));
        TextField fp = new TextField(fingerprint);
        fp.setEditable(false);
        fp.setId("fingerprint");
        Label explain = new Label(i18n.get("connect.trust.explain"));
        explain.setWrapText(true);
        ask.getDialogPane().setContent(new VBox(10, explain, fp));
        ButtonType trust = new ButtonType(i18n.get("connect.trust.once"), ButtonBar.ButtonData.OK_DONE);
        ask.getButtonTypes().setAll(trust, ButtonType.CANCEL);
        ask.showAndWait().filter(b -> b == trust).ifPresent(b -> vm.trustAndConnect(fingerprint, onConnected));
    }

    public javafx.scene.Parent node() {
        return root;
    }

    public void focus() {
        (vm.userProperty().get() == null || vm.userProperty().get().isBlank() ? user : password).requestFocus();
    }
}
