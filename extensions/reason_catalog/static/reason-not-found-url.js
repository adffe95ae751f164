// @ts-check
// What a missing page's address says, for the 404 page (notfound.py): where the site's root
// is (hosts show the page at the missing address, at any depth), and, when the address has
// the form of a reason's, operation's or endpoint's page, which API and which name it means.
// Pure functions, no DOM: the page runs this file inline in its head, before anything loads.
"use strict";

const ReasonNotFoundUrl = (function () {
  /**
   * A page's name as its URL writes it, back to the code: a code that is not a portable file
   * name is percent-encoded into its page's name (urls.py's page_stem), and that name is
   * encoded again in the URL.
   * @param {string} text
   */
  function decoded(text) {
    let value = text;
    for (let round = 0; round < 2 && /%[0-9A-Fa-f]{2}/.test(value); round += 1) {
      try {
        value = decodeURIComponent(value);
      } catch {
        break; // a stray "%": the rest is the name as written
      }
    }
    return value;
  }

  /**
   * The root when no form matches: the page's own folder when the address is the page's
   * own (opened directly, or from the file system), else the host's root.
   * @param {string} pathname @param {string} page the page's file name ("404.html")
   */
  function fallbackRoot(pathname, page) {
    return pathname.endsWith("/" + page) ? pathname.slice(0, -page.length) : "/";
  }

  /**
   * Read a missing page's address.
   * @param {string} pathname `location.pathname` @param {NotFoundSite} site
   * @returns {NotFoundPlace}
   */
  function read(pathname, site) {
    for (const form of site.forms) {
      const groups = new RegExp(form.pattern, "i").exec(pathname)?.groups;
      if (!groups) continue;
      const folder = form.known ? site.folders[(groups.api || "").toLowerCase()] : undefined;
      return {
        root: site.root || groups.root || "/",
        kind: form.kind,
        api: folder ? folder[0] : "",
        scope: folder ? folder[1] : "",
        apiName: folder ? folder[2] : "",
        name: decoded(groups.name || "").slice(0, 200),
      };
    }
    const root = site.root || fallbackRoot(pathname, site.page);
    return { root, kind: "page", api: "", scope: "", apiName: "", name: "" };
  }

  /**
   * The root as an absolute URL of the page's own origin. An address made to look like a
   * path to another host (`//evil.example/x/reasons/A.html`) must not become the base that
   * the page's scripts load from: then the host's root is.
   * @param {string} root @param {string} href `location.href`
   */
  function safeBase(root, href) {
    const here = new URL(href);
    const base = new URL(root, here);
    return base.origin === here.origin && base.protocol === here.protocol
      ? base.href
      : new URL("/", here).href;
  }

  return { read, safeBase, decoded };
})();
