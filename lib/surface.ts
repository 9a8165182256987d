/** Set by the server on every page request: "widget" for the chat widget's iframe, else "app". */
export const SURFACE_HEADER = "x-centrala-surface";
