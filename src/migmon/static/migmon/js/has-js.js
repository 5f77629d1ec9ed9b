// Loaded (not deferred) in <head>: marks the document as scripted before it is painted, so that the
// js-only controls show and the no-js fallbacks hide without a flash. A file, not an inline script:
// the Content-Security-Policy allows scripts from migmon's own static files only.
document.documentElement.classList.replace("no-js", "js");
