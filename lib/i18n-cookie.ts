// Shared by the server (set at sign-in) and the browser (set when the user switches language).
export const LOCALE_COOKIE = "NEXT_LOCALE";
