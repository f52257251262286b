package org.mcx.backend.partners;

/** Whoever keeps links to partners open (the ACMS) hears of changes to them through this. */
public interface PartnerLinkControl {
    PartnerLinkControl NONE = new PartnerLinkControl() {
        @Override
        public void saved(String systemId) {
        }

        @Override
        public void deleted(String systemId) {
        }

        @Override
        public boolean connected(String systemId) {
            return false;
        }
    };

    /** After commit: a partner was added or changed (its endpoint or secret may be new). */
    void saved(String systemId);

    /** After commit: a partner was removed. */
    void deleted(String systemId);

    /** Whether this system's link to the partner is up now. */
    boolean connected(String systemId);
}
