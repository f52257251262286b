package org.mcx.desktop.profiles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.desktop.common.Tasks;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * Edits one profile: the form's fields, validation naming the failing field (the protocol's own
 * checks, so the form and the server agree), the diff against the version it started from, and
 * the conflict path — someone saved first: their version is shown and the edits can be reapplied
 * on top of it.
 */
public final class ProfileEditorViewModel {
    private final ViewContext ctx;
    private final ObjectProperty<ApplicationProfile> base = new SimpleObjectProperty<>();
    private final ObjectProperty<ApplicationProfile> theirs = new SimpleObjectProperty<>();
    private final StringProperty applicationId = new SimpleStringProperty("");
    private final ObjectProperty<ServiceType> serviceType = new SimpleObjectProperty<>(ServiceType.GM);
    private final StringProperty serviceInterface = new SimpleStringProperty("CSC-2");
    private final StringProperty protocols = new SimpleStringProperty("");
    private final StringProperty capabilities = new SimpleStringProperty("");
    private final StringProperty messages = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty();
    private final javafx.beans.property.BooleanProperty dirty = new javafx.beans.property.SimpleBooleanProperty();
    private Runnable onSaved = () -> { };

    public ProfileEditorViewModel(ViewContext ctx) {
        this.ctx = ctx;
        javafx.beans.InvalidationListener recheck = o -> dirty.set(computeDirty());
        for (javafx.beans.Observable field : List.of(applicationId, serviceType, serviceInterface, protocols, capabilities,
                messages, base)) {
            field.addListener(recheck);
        }
    }

    /** Starts editing {@code profile}; null starts a new one with an empty form. */
    public void edit(ApplicationProfile profile) {
        base.set(profile);
        theirs.set(null);
        status.set(null);
        if (profile != null) {
            fill(profile);
        } else {
            applicationId.set("");
            serviceType.set(ServiceType.GM);
            serviceInterface.set("CSC-2");
            protocols.set("");
            capabilities.set("");
            messages.set("");
        }
    }

    /** Whether the form holds edits not saved yet (a new profile: anything typed). */
    private boolean computeDirty() {
        if (base.get() == null) {
            return (applicationId.get() != null && !applicationId.get().isBlank()) || !protocols.get().isBlank() || !capabilities.get().isBlank()
                    || !messages.get().isBlank();
        }
        return !diff().isEmpty() || !build().valid();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    /** Runs after every successful save (the history then shows the new version). */
    public void setOnSaved(Runnable onSaved) {
        this.onSaved = onSaved;
    }

    /**
     * The newest stored version of the profile being edited, as the list last loaded it. When someone
     * else saved a newer one: an untouched form simply shows it; a form with edits keeps them and
     * shows theirs in the conflict panel at once, before any save is tried.
     */
    public void stored(ApplicationProfile latest) {
        ApplicationProfile mine = base.get();
        if (mine == null || latest == null || !latest.applicationProfileId().equals(mine.applicationProfileId())
                || latest.version() == null || mine.version() == null || latest.version() <= mine.version()) {
            return;
        }
        if (theirs.get() != null && theirs.get().version() != null && theirs.get().version() >= latest.version()) {
            return;
        }
        if (!dirty.get()) {
            edit(latest);
            status.set(ctx.i18n().get("profiles.refreshed", latest.updatedBy(), latest.version()));
        } else {
            status.set(null); // the conflict panel says who saved what
            theirs.set(latest);
        }
    }

    private void fill(ApplicationProfile p) {
        applicationId.set(p.applicationId());
        serviceType.set(p.authorizedService().serviceType());
        serviceInterface.set(p.authorizedService().serviceInterface());
        protocols.set(String.join(", ", p.serviceInterfaceDescription().protocols()));
        capabilities.set(String.join(", ", p.serviceInterfaceDescription().capabilities()));
        messages.set(String.join("\n", p.serviceInterfaceDescription().messages()));
    }

    /** The form as a profile, or the first problem with the form field it concerns. */
    public Result build() {
        try {
            ApplicationProfile b = base.get();
            ServiceInterfaceDescription sid = new ServiceInterfaceDescription(split(protocols.get(), ","),
                    split(capabilities.get(), ","), split(messages.get(), "\n"));
            ApplicationProfile p = new ApplicationProfile(b == null ? null : b.applicationProfileId(),
                    b == null ? null : b.applicationProfileIndex(), applicationId.get() == null ? "" : applicationId.get().trim(),
                    new ServiceRef(serviceType.get(), serviceInterface.get() == null ? null : serviceInterface.get().trim()),
                    b == null ? null : b.serviceLocation(), sid, b == null ? null : b.version(), null, null,
                    b == null ? null : b.rateLimit()); // not edited here: kept as it is
            return new Result(p, null, null);
        } catch (ProtocolException e) {
            return new Result(null, formField(e.field()), e.getMessage());
        }
    }

    /** The form field a protocol field path belongs to. */
    static String formField(String field) {
        if (field == null) {
            return "form";
        }
        for (String f : List.of("protocols", "capabilities", "messages", "applicationId", "serviceType", "interface")) {
            if (field.startsWith(f)) {
                return f;
            }
        }
        return field;
    }

    public record Result(ApplicationProfile profile, String field, String problem) {
        public boolean valid() {
            return profile != null;
        }
    }

    public List<ProfileDiff.Change> diff() {
        Result r = build();
        return r.valid() ? ProfileDiff.between(base.get(), r.profile()) : List.of();
    }

    /** Saves against the version editing started from; a CONFLICT fetches theirs instead of overwriting. */
    public CompletableFuture<ApplicationProfile> save() {
        if (theirs.get() != null) {
            status.set(ctx.i18n().get("profiles.resolveFirst", theirs.get().version()));
            return CompletableFuture.failedFuture(new IllegalStateException("a newer version is waiting to be resolved"));
        }
        Result r = build();
        if (!r.valid()) {
            status.set(ctx.i18n().get("profiles.invalid", r.field(), r.problem()));
            return CompletableFuture.failedFuture(new IllegalArgumentException(r.problem()));
        }
        long expected = base.get() == null || base.get().version() == null ? 0 : base.get().version();
        return ctx.tasks().call("save profile " + r.profile().applicationProfileId(),
                () -> ctx.session().<Console.ProfileSaved>request(MessageType.PROFILES_SAVE,
                        new Console.SaveProfile(r.profile(), expected)).thenApply(Console.ProfileSaved::applicationProfile))
                .onSuccess(saved -> {
                    edit(saved);
                    status.set(ctx.i18n().get("profiles.saved", saved.version()));
                    onSaved.run();
                })
                .onError(f -> {
                    if (f instanceof RemoteException re && re.code() == ErrorCode.CONFLICT && base.get() != null) {
                        status.set(ctx.i18n().get("profiles.conflict"));
                        fetchTheirs();
                    } else {
                        status.set(ctx.errors().describe(f));
                    }
                }).start();
    }

    private void fetchTheirs() {
        ApplicationProfile mine = base.get();
        ctx.tasks().call("fetch the current version of " + mine.applicationProfileId(),
                () -> ctx.session().<Console.Profiles>request(MessageType.PROFILES_LIST,
                        new Console.ListProfiles(mine.applicationId())).thenApply(p -> p.applicationProfiles().stream()
                        .filter(x -> x.applicationProfileId().equals(mine.applicationProfileId())).findFirst()))
                .onSuccess((Optional<ApplicationProfile> current) -> theirs.set(current.orElse(null)))
                .onError(f -> status.set(ctx.errors().describe(f))).start();
    }

    /**
     * Reapplies the fields this user changed (against the version editing started from) on top of
     * their version, field by field, and bases the next save on it; their other changes stay.
     */
    public void reapplyOnTheirs() {
        ApplicationProfile current = theirs.get();
        if (current == null) {
            return;
        }
        ApplicationProfile started = base.get();
        ServiceType myType = serviceType.get();
        String myInterface = serviceInterface.get();
        String myProtocols = protocols.get();
        String myCapabilities = capabilities.get();
        String myMessages = messages.get();
        fill(started);
        boolean typeChanged = myType != serviceType.get();
        boolean interfaceChanged = !java.util.Objects.equals(myInterface, serviceInterface.get());
        boolean protocolsChanged = !same(myProtocols, protocols.get(), ",");
        boolean capabilitiesChanged = !same(myCapabilities, capabilities.get(), ",");
        boolean messagesChanged = !same(myMessages, messages.get(), "\n");
        fill(current);
        if (typeChanged) {
            serviceType.set(myType);
        }
        if (interfaceChanged) {
            serviceInterface.set(myInterface);
        }
        if (protocolsChanged) {
            protocols.set(myProtocols);
        }
        if (capabilitiesChanged) {
            capabilities.set(myCapabilities);
        }
        if (messagesChanged) {
            messages.set(myMessages);
        }
        base.set(current);
        theirs.set(null);
        status.set(ctx.i18n().get("profiles.reapplied", current.version()));
    }

    private static boolean same(String a, String b, String separator) {
        return split(a, separator).equals(split(b, separator));
    }

    /** Drops the edits and shows their version. */
    public void takeTheirs() {
        if (theirs.get() != null) {
            edit(theirs.get());
        }
    }

    /** What their version changed compared with the one editing started from. */
    public List<ProfileDiff.Change> theirChanges(ApplicationProfile mineBase) {
        return theirs.get() == null ? List.of() : ProfileDiff.between(mineBase, theirs.get());
    }

    private static List<String> split(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public ObjectProperty<ApplicationProfile> baseProperty() {
        return base;
    }

    public ObjectProperty<ApplicationProfile> theirsProperty() {
        return theirs;
    }

    public StringProperty applicationIdProperty() {
        return applicationId;
    }

    public ObjectProperty<ServiceType> serviceTypeProperty() {
        return serviceType;
    }

    public StringProperty serviceInterfaceProperty() {
        return serviceInterface;
    }

    public StringProperty protocolsProperty() {
        return protocols;
    }

    public StringProperty capabilitiesProperty() {
        return capabilities;
    }

    public StringProperty messagesProperty() {
        return messages;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public boolean maySave() {
        return ctx.session().may(MessageType.PROFILES_SAVE);
    }

    Tasks tasks() {
        return ctx.tasks();
    }
}
