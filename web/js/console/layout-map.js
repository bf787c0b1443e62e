// Draws a layout's sections from their `geometry` as an SVG map. `x`/`y` are the top-left of a
// rect's or ellipse's box, which turns by `rotation` degrees about its centre; polygons give
// their own corners. The view box fits whatever is drawn, so any unit scale works.
const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}) {
  const el = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

function corners(g) {
  if (g.shape === 'polygon') return g.points || [];
  const cx = g.x + g.width / 2;
  const cy = g.y + g.height / 2;
  const turn = ((g.rotation || 0) * Math.PI) / 180;
  return [[g.x, g.y], [g.x + g.width, g.y], [g.x + g.width, g.y + g.height], [g.x, g.y + g.height]]
    .map(([px, py]) => [
      cx + (px - cx) * Math.cos(turn) - (py - cy) * Math.sin(turn),
      cy + (px - cx) * Math.sin(turn) + (py - cy) * Math.cos(turn),
    ]);
}

// An empty map for a page to place and fill with drawMap.
export function mapElement(className, label) {
  return svg('svg', { class: className, role: 'img', 'aria-label': label });
}

// Whether a geometry can be drawn (the editor shows sections mid-typing).
export function drawable(g) {
  if (!g || !Number.isFinite(g.x) || !Number.isFinite(g.y)) return false;
  if (g.shape === 'polygon') return (g.points || []).length >= 3;
  return g.width > 0 && g.height > 0;
}

function shapeOf(g) {
  if (g.shape === 'polygon') return svg('polygon', { points: g.points.map((p) => p.join(',')).join(' ') });
  const cx = g.x + g.width / 2;
  const cy = g.y + g.height / 2;
  const el = g.shape === 'ellipse'
    ? svg('ellipse', { cx, cy, rx: g.width / 2, ry: g.height / 2 })
    : svg('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: Math.min(g.width, g.height) * 0.08 });
  if (g.rotation) el.setAttribute('transform', `rotate(${g.rotation} ${cx} ${cy})`);
  return el;
}

function centre(g) {
  const pts = corners(g);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

// Replaces the content of `target` (an <svg>) with the sections that have a drawable geometry.
// `style(section)` → {fill, ink, label} lets a page colour a section, its key, and word its caption.
export function drawMap(target, sections, style = () => ({})) {
  target.replaceChildren();
  const placed = sections.filter((s) => drawable(s.geometry));
  if (!placed.length) {
    target.setAttribute('viewBox', '0 0 100 40');
    const empty = svg('text', { x: 50, y: 22, 'text-anchor': 'middle', class: 'map-empty' });
    empty.textContent = 'No section has a position yet';
    target.append(empty);
    return;
  }
  const all = placed.flatMap((s) => corners(s.geometry));
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(maxX - minX, maxY - minY, 10) * 0.04;
  target.setAttribute('viewBox', `${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`);
  const fontSize = Math.max(maxX - minX, maxY - minY, 10) / 60;
  for (const section of placed) {
    const { fill, ink, label } = style(section);
    const group = svg('g', { class: `map-section ${section.kind}` });
    const shape = shapeOf(section.geometry);
    // A style, not an attribute, so it wins over the stylesheet's colours by kind.
    if (fill) shape.style.fill = fill;
    const title = svg('title');
    title.textContent = label || section.name || section.key;
    const [cx, cy] = centre(section.geometry);
    const text = svg('text', { x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fontSize });
    text.textContent = section.key;
    if (ink) text.style.fill = ink;
    group.append(shape, title, text);
    target.append(group);
  }
}
