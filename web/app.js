// Lists the venues and their layouts from the API.
const list = document.getElementById('venues');

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function item(text, detail) {
  const li = document.createElement('li');
  li.textContent = text;
  if (detail) {
    const small = document.createElement('small');
    small.textContent = ` ${detail}`;
    li.append(small);
  }
  return li;
}

async function show() {
  const { venues } = await getJson('/api/v1/venues');
  list.replaceChildren();
  if (venues.length === 0) list.append(item('No venues yet.'));
  for (const venue of venues) {
    const { layouts } = await getJson(`/api/v1/venues/${encodeURIComponent(venue.id)}/layouts`);
    const places = layouts.map((l) => `${l.name}: ${l.capacity.toLocaleString()} places`).join('; ');
    list.append(item(venue.name, `(${venue.timezone}) ${places}`));
  }
}

show().catch((error) => list.replaceChildren(item(`Could not load venues: ${error.message}`)));
