package org.mcx.backend.ops;

import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Logs in to a running server on /acmc over the real protocol, as the console does, and says who
 * it logged in as: the installer's smoke test and an operator's "is it up, and does my password
 * work" after install or restore. Exit code 0 only when the login succeeded.
 */
@Command(name = "check-login", mixinStandardHelpOptions = true,
        description = "Logs in to a running server as a console would, then logs out.")
public final class CheckLoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleLogin login;

    @Override
    public Integer call() throws Exception {
        URI url = login.url;
        try (ProtocolClient client = login.connect()) {
            Auth.UserInfo who = client.session().orElseThrow().user();
            spec.commandLine().getOut().println("logged in to " + url + " as " + who.mcServiceId() + " " + who.roles());
            login.logout(client);
            spec.commandLine().getOut().println("logged out");
            return 0;
        } catch (ExecutionException e) {
            // The answer an operator needs is the cause (refused login, unreachable, untrusted certificate).
            spec.commandLine().getErr().println("login to " + url + " as " + login.user + " failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("login to " + url + " as " + login.user + " failed: no answer within "
                    + login.timeoutSeconds + " s");
            return 1;
        }
    }
}
