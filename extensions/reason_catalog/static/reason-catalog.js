// @ts-check
// On every page: the theme's search box opens the reason browser, which finds a reason by
// its exact code first and links on to the full-text search for everything else.
"use strict";
(function () {
  const root = document.documentElement.dataset.content_root;
  if (root === undefined) return;
  for (const form of document.querySelectorAll('form[action$="search.html"]')) {
    form.setAttribute("action", root + "browse.html");
  }
})();
