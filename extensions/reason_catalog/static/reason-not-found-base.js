// @ts-check
// The 404 page's first script, inline in its head after the page's <base> and
// reason-not-found-url.js. Hosts show the page at the address that was not found, at any
// depth, so every relative URL of the page (its styles, scripts and links, written as from
// the site's root) resolves from the base, which must be the site's root: when the build did
// not know it, this works it out from the address. What the address names is left for the
// body's script (reason-not-found.js).
"use strict";

(function () {
  const data = document.getElementById("rc-not-found-site");
  if (!data) return;
  /** @type {NotFoundSite} */
  const site = JSON.parse(data.textContent || "");
  const place = ReasonNotFoundUrl.read(window.location.pathname, site);
  window.reasonCatalogNotFound = place;
  const base = document.getElementById("rc-not-found-base");
  if (site.root || !(base instanceof HTMLBaseElement)) return; // the root is known: it is the base
  // Changed before the parser reads any element that has a URL. Browsers may have fetched
  // some of the head's files from the host's root ahead of this script: a site served from
  // a path below it does not say where unless configured (site_path, html_baseurl).
  base.href = ReasonNotFoundUrl.safeBase(place.root, window.location.href);
})();
