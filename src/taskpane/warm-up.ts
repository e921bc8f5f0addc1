/**
 * taskpane.html's first script, loaded `async` so that it runs as soon as it arrives, while
 * Office.js is still downloading (or waiting for its host files). A page's first
 * Intl.NumberFormat sets up ICU's number formatting, which takes 50–150 ms in Chromium; every
 * later one takes under a millisecond, in any locale. The first screen formats money, shares and
 * counts: without this, that set-up would sit between the bundle and the first render.
 */
new Intl.NumberFormat().format(0);
