// Points every widget on the page at the reference backends that `npm start` runs.
const backends = await (await fetch('/backends.json')).json();
for (const el of document.querySelectorAll('chat-widget[data-backend]')) {
  if (el.dataset.context) el.context = JSON.parse(el.dataset.context);
  el.url = backends[el.dataset.backend];
}

// Data parts (ai-sdk) and shared agent state (ag-ui) are events for the page, not chat
// content: the <output class="events"> under such a widget shows the latest one.
for (const out of document.querySelectorAll('figure output.events')) {
  const el = out.closest('figure').querySelector('chat-widget');
  const show = (label, value) => {
    out.hidden = false;
    out.textContent = `${label} ${JSON.stringify(value)}`;
  };
  el.addEventListener('chat-data', (e) => show(`chat-data “${e.detail.name}”:`, e.detail.data));
  el.addEventListener('chat-state', (e) => show('chat-state:', e.detail.state));
}
