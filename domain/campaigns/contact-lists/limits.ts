// How big a contact list may be (the import refuses more; the screens say so).
export const MAX_LIST_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_LIST_ROWS = 200_000;
