// The demo dashboard's own script: shows the events the widgets fire, and switches theme and
// work item by changing the elements' attributes, as any host page would.
const log = document.getElementById('events');

function show(type, detail) {
  const item = document.createElement('li');
  const name = document.createElement('code');
  name.textContent = type;
  const body = document.createElement('span');
  body.textContent = ' ' + JSON.stringify(detail);
  item.append(name, body);
  log.prepend(item);
}

document.addEventListener('plane-inline:saved', (event) => show(event.type, event.detail));
document.addEventListener('plane-inline:error', (event) => show(event.type, event.detail));

document.getElementById('theme').addEventListener('change', (event) => {
  for (const editor of document.querySelectorAll('plane-inline-editor, plane-inline-table')) {
    editor.setAttribute('theme', event.target.value);
  }
});

document.getElementById('pick')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = document.getElementById('work-item').value.trim();
  document.getElementById('picked').setAttribute('work-item', value);
});
