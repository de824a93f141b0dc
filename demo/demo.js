// Points every widget on the page at the reference backends that `npm start` runs.
const backends = await (await fetch('/backends.json')).json();
for (const el of document.querySelectorAll('chat-widget[data-backend]')) {
  if (el.dataset.context) el.context = JSON.parse(el.dataset.context);
  el.url = backends[el.dataset.backend];
}
