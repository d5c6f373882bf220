// Similar proposals while the title is typed (the form shows the same list without JavaScript).
(function () {
  "use strict";
  var live = document.querySelector("[data-similar-live]");
  var title = document.getElementById("id_title");
  var seen = document.querySelector("[data-similar-seen]");
  if (!live || !title || !window.fetch) return;
  var timer = null;
  var last = "";

  function show(data) {
    if (data.title !== title.value.trim()) return; // an older answer
    live.textContent = "";
    if (!data.results.length) {
      if (seen) seen.value = "";
      return;
    }
    var section = document.createElement("section");
    section.className = "callout proposal-similar";
    var heading = document.createElement("h2");
    heading.textContent = live.dataset.heading;
    var intro = document.createElement("p");
    intro.textContent = live.dataset.intro;
    var list = document.createElement("ul");
    list.className = "plain-list";
    data.results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.lang = item.lang;
      link.dir = item.dir;
      link.textContent = item.title;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" — " + item.supporters));
      list.appendChild(li);
    });
    section.appendChild(heading);
    section.appendChild(intro);
    section.appendChild(list);
    live.appendChild(section);
    if (seen) seen.value = data.title; // the citizen has seen them: no second check on sending
  }

  function look() {
    var value = title.value.trim();
    if (value === last) return;
    last = value;
    if (value.length < 6) {
      live.textContent = "";
      return;
    }
    fetch(live.dataset.url + "?title=" + encodeURIComponent(value), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) show(data);
      })
      .catch(function () {});
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(look, 500);
  });
})();
