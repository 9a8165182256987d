// E-mail HTML from outside, made safe to show: no scripts, no event handlers, no forms, no frames,
// no remote images (they track whether and when the mail was read — shown only as their alt text),
// links that open outside. The result is still shown in a sandboxed frame (belt and braces).
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

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
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
    // something (url(), @import) or run it (expression()).
    parseStyleAttributes: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
      "*": (tagName, attribs) => {
        if (attribs.style && /url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding/i.test(attribs.style)) {
          const { style: _dropped, ...rest } = attribs;
          return { tagName, attribs: rest };
        }
        return { tagName, attribs };
      },
    },
  });
}
