import { describe, expect, it } from "vitest";
import { citedContentIds, showInlineImages } from "./inline-images.ts";

const PNG = "data:image/png;base64,iVBORw0KGgo=";

describe("inline images", () => {
  it("finds the Content-IDs an HTML cites", () => {
    expect(citedContentIds("<img src=\"cid:logo@shop\"><img src='CID:Photo%40x'> <p>cid: words</p>")).toEqual(["logo@shop", "photo@x"]);
  });
  it("shows known images as data: URLs, never anything else, and drops the cid: it cannot show", () => {
    const html = '<p><img src="cid:Logo@Shop" alt="logo"><img src="cid:unknown@x"><img alt="x" src="cid:evil@x"></p>';
    const out = showInlineImages(
      html,
      new Map([
        ["logo@shop", PNG],
        ["evil@x", 'javascript:alert(1)"'],
      ]),
    );
    expect(out).toBe(`<p><img src="${PNG}" alt="logo"><img><img alt="x"></p>`);
  });
});
