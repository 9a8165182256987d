// E-mail HTML from outside, made safe to show: no scripts, no event handlers, no forms, no frames,
// no <style> sheets, no remote images (they track whether and when the mail was read — shown only
// as their alt text), links that open outside. The result is still shown in a sandboxed frame
// (belt and braces).
import sanitizeHtml from "sanitize-html";

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "img"),
  "img",
  "font",
  "center",
  "span",
  "div",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "colgroup",
  "col",
  "hr",
];

/**
 * CSS that can fetch something (and so tell the sender the mail was opened) or run something:
 * url(), image(), image-set() (also -webkit-), cross-fade(), element(), src(), attr() (typed attr()
 * may become a URL), expression(), @import, behavior, -moz-binding.
 */
const LOADS_OR_RUNS = /(?:url|image|image-set|cross-fade|element|src|attr|expression)\s*\(|@import|behaviou?r\s*:|-moz-binding/i;

/** CSS escapes as a browser reads them: `\75` and `\000075 ` are "u", `\r` is "r", `\` + newline is nothing. */
function decodeCssEscapes(css: string): string {
  return css.replace(
    /\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|(\r\n|[\n\r\f])|([\s\S]))/g,
    (_m, hex: string | undefined, _newline, char: string | undefined) => {
      if (hex) {
        const code = parseInt(hex, 16);
        return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
      }
      return char ?? "";
    },
  );
}

const stripComments = (css: string) => css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "");

/**
 * Whether an inline style could load or run something. Checked on every reading a browser could
 * make of it — escapes decoded (repeatedly, in case of escaped escapes), comments removed (they
 * split words: `u/**\/rl(`) and kept (a comment opener inside a string is no comment) — so a
 * disguise only ever makes us stricter. Declarations are not repaired: a style that tries is dropped
 * whole, and the element keeps its text.
 */
export function styleIsUnsafe(style: string): boolean {
  const readings = new Set<string>();
  let css = style.replace(/\0/g, "");
  for (let round = 0; round < 3; round++) {
    readings
      .add(css)
      .add(stripComments(css))
      .add(decodeCssEscapes(stripComments(css)));
    const decoded = decodeCssEscapes(css);
    if (decoded === css) break;
    css = decoded;
  }
  readings.add(css).add(stripComments(css));
  return [...readings].some((r) => LOADS_OR_RUNS.test(r) || LOADS_OR_RUNS.test(r.replace(/\s+/g, "")));
}

const withoutUnsafeStyle = (attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes => {
  if (attribs.style === undefined || !styleIsUnsafe(attribs.style)) return attribs;
  const { style: _dropped, ...rest } = attribs;
  return rest;
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    // Never `background`, `lowsrc`, `dynsrc`, `poster` or `srcset`: each loads a picture.
    allowedAttributes: {
      "*": ["style", "align", "valign", "width", "height", "bgcolor", "color", "dir", "lang", "title"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      font: ["face", "size", "color"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan"],
      table: ["border", "cellpadding", "cellspacing"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    // Inline images (cid:) and data: images are the sender's own content; remote ones are beacons.
    allowedSchemesByTag: { img: ["data", "cid"] },
    allowProtocolRelative: false,
    // Inline styles are kept as written (mail layouts live in them), except any that could load
    // something or run it. The parser has already decoded HTML entities (&#117;rl) in attributes.
    parseStyleAttributes: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
      "*": (tagName, attribs) => ({ tagName, attribs: withoutUnsafeStyle(attribs) }),
    },
  });
}
