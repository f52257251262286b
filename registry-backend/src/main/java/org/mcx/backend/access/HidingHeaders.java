package org.mcx.backend.access;

import java.net.URI;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The response headers an application receives: nothing that names the internal service (no
 * {@code Server}, {@code X-Powered-By} or {@code Via}), and a {@code Location} that points back
 * through this server instead of at the instance behind it.
 */
final class HidingHeaders extends HttpFields.Mutable.Wrapper {
    private final Target target;

    HidingHeaders(HttpFields.Mutable fields, Target target) {
        super(fields);
        this.target = target;
    }

    @Override
    public HttpField onAddField(HttpField field) {
        return hide(field);
    }

    @Override
    public HttpField onReplaceField(HttpField oldField, HttpField newField) {
        return hide(newField);
    }

    private HttpField hide(HttpField field) {
        HttpHeader header = field.getHeader();
        if (header == HttpHeader.SERVER || header == HttpHeader.X_POWERED_BY || header == HttpHeader.VIA
                || "X-Powered-By".equalsIgnoreCase(field.getName())) {
            return null;
        }
        if (header == HttpHeader.LOCATION || header == HttpHeader.CONTENT_LOCATION) {
            return new HttpField(header, rewrite(field.getValue()));
        }
        return field;
    }

    /** Upstream {@code http://10.0.4.17:9080/gm/groups/7} becomes {@code /services/ap-…/groups/7}. */
    String rewrite(String location) {
        String path;
        try {
            URI uri = URI.create(location);
            if (uri.isAbsolute() && !target.instance().host().equalsIgnoreCase(uri.getHost())) {
                return location; // somewhere outside the MC system: nothing internal to hide
            }
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
        } catch (IllegalArgumentException e) {
            return target.publicPrefix();
        }
        String base = target.instance().basePath() == null ? "" : target.instance().basePath();
        if (!base.isEmpty() && path.startsWith(base)) {
            path = path.substring(base.length());
        } else if (!path.startsWith("/")) {
            return location; // relative to the current resource: already says nothing of the inside
        }
        return target.publicPrefix() + path;
    }
}
