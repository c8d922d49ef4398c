/* Loaded in <head>, before the page paints: marks the page as scripted, so controls that only
   matter without JavaScript (the "Filter" and "Update times" submit buttons) are hidden from the
   first frame instead of flashing in and out. */
document.documentElement.classList.add("js");
