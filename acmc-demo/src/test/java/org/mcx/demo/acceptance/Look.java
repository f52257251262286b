package org.mcx.demo.acceptance;

/** A window size and theme the console must work at: a laptop or remote desktop, and a large screen. */
record Look(int width, int height, boolean dark) {
    static final Look SMALL_LIGHT = new Look(1024, 700, false);
    static final Look SMALL_DARK = new Look(1024, 700, true);
    static final Look LARGE_LIGHT = new Look(1600, 1000, false);
    static final Look LARGE_DARK = new Look(1600, 1000, true);

    /** The suffix of a screenshot's name: none at 1600×1000 light, "-1024", "-dark", "-dark-1024". */
    String suffix() {
        return (dark ? "-dark" : "") + (width < 1600 ? "-" + width : "");
    }

    @Override
    public String toString() {
        return width + "×" + height + (dark ? " dark" : " light");
    }
}
