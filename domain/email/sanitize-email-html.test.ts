import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml, styleIsUnsafe } from "./sanitize-email-html.ts";

// Each one asks the reader's browser to fetch something from the sender (a read receipt nobody agreed to).
const HOSTILE_STYLES = [
  "background:url(https://t.example/a.png)",
  "background:URL( 'https://t.example/a.png' )",
  "background-image:image-set('https://t.example/a.png' 1x)",
  "background-image:-webkit-image-set(url(https://t.example/a.png) 1x)",
  "background-image:image('https://t.example/a.png')",
  "background-image:cross-fade('https://t.example/a.png', 'https://t.example/b.png', 50%)",
  "background:-moz-element(#beacon)",
  "background:u\\72l(https://t.example/a.png)",
  "background:\\75rl(https://t.example/a.png)",
  "background:\\000075 rl(https://t.example/a.png)",
  "background:\\u\\r\\l(https://t.example/a.png)",
  "background:u/**/rl(https://t.example/a.png)",
  "background:ur/* a comment */l(https://t.example/a.png)",
  'font-family:"/*"; background:url(https://t.example/a.png); x:"*/"',
  "background-image:i\\6d age-set('https://t.example/a.png' 1x)",
  "background:\\5c 75rl(https://t.example/a.png)",
  "@import 'https://t.example/s.css'",
  "@\\69mport 'https://t.example/s.css'",
  "behavior:url(#default#VML)",
  "behavior: x.htc",
  "-moz-binding:url(https://t.example/x.xml#b)",
  "-moz-bin\\64ing: x",
  "width:expression(alert(1))",
  "width:e\\xpression(alert(1))",
  "background:src('https://t.example/a.png')",
  "background:attr(data-u type(<url>))",
  "background:u\\\nrl(https://t.example/a.png)",
];

describe("inline styles that load or run something", () => {
  it.each(HOSTILE_STYLES)("refuses %s", (style) => {
    expect(styleIsUnsafe(style)).toBe(true);
    // Disguised through HTML entities in the attribute too (the parser decodes them first).
    const entity = style.replace(/[a-z]/i, (c) => `&#${c.charCodeAt(0)};`).replace(/"/g, "&quot;");
    for (const html of [
      `<div style="${style.replace(/"/g, "&quot;")}">text</div>`,
      `<div style="${entity}">text</div>`,
      `<a href="https://x.example" style="${style.replace(/"/g, "&quot;")}">link</a>`,
    ]) {
      const out = sanitizeEmailHtml(html);
      expect(out).not.toContain("style=");
      expect(out).toMatch(/>(text|link)</);
    }
  });
});

describe("e-mail HTML", () => {
  it("keeps the look and drops what runs or tracks", () => {
    const out = sanitizeEmailHtml(
      `<p style="color:red" onclick="x()">Hi <b>there</b></p><script>alert(1)</script><img src="https://t.example/pixel.gif" alt="logo"><a href="javascript:alert(1)">x</a><a href="https://shop.example">shop</a><div style="background:url(https://t.example/b.png)">y</div><iframe src="https://evil"></iframe>`,
    );
    expect(out).toContain('<p style="color:red">Hi <b>there</b></p>');
    expect(out).not.toMatch(/script|onclick|pixel\.gif|javascript:|iframe|url\(/);
    expect(out).toContain('<a href="https://shop.example" target="_blank" rel="noopener noreferrer nofollow">shop</a>');
  });

  it("keeps no style sheets and no attributes that load pictures", () => {
    const out = sanitizeEmailHtml(
      [
        `<style>body{background:url(https://t.example/s.png)}</style>`,
        `<table background="https://t.example/t.png"><tr><td background="https://t.example/c.png">cell</td></tr></table>`,
        `<img src="cid:logo" srcset="https://t.example/1.png 1x" lowsrc="https://t.example/l.png" dynsrc="https://t.example/d.avi" alt="logo">`,
        `<video poster="https://t.example/p.png"></video>`,
        `<body background="https://t.example/b.png">body</body>`,
        `<link rel="stylesheet" href="https://t.example/s.css"><meta http-equiv="refresh" content="0;url=https://t.example">`,
        `<svg><image href="https://t.example/i.png"/></svg><object data="https://t.example/o"></object><embed src="https://t.example/e">`,
        `<input type="image" src="https://t.example/i.png"><base href="https://t.example/">`,
      ].join(""),
    );
    expect(out).not.toContain("t.example");
    expect(out).not.toMatch(/<style|background=|srcset|lowsrc|dynsrc|poster/i);
    expect(out).toContain("cell");
    expect(out).toContain('<img src="cid:logo" alt="logo" />');
  });

  it("leaves ordinary mail layouts as they were written", () => {
    const layouts = [
      `<table width="600" cellpadding="0" cellspacing="0" style="border-collapse:collapse;background-color:#ffffff;font-family:Arial, Helvetica, sans-serif"><tr><td style="padding:24px 32px;color:#333333;font-size:14px;line-height:20px">Dear customer,</td></tr></table>`,
      `<div style="background-image:linear-gradient(to right, #f0f0f0, #ffffff);border:1px solid #cccccc;border-radius:4px;margin:0 auto;max-width:600px">Newsletter</div>`,
      `<p style="font-family:&quot;\\5FAE\\8F6F\\96C5\\9ED1&quot;, sans-serif;color:rgb(31, 73, 125)">微软雅黑</p>`,
      `<span style="font-family:'Segoe UI';mso-line-height-rule:exactly;text-decoration:underline;color:#0563C1">Outlook link</span>`,
      `<td style="width:calc(100% - 20px);background:#eeeeee;/* spacer */padding:0 10px" bgcolor="#eeeeee">x</td>`,
    ];
    for (const html of layouts) {
      const styles = [...html.matchAll(/style="([^"]*)"/g)].map((m) => m[1]);
      const out = sanitizeEmailHtml(`<table><tr>${html}</tr></table>`);
      for (const s of styles) expect(out).toContain(`style="${s}"`);
    }
  });
});
