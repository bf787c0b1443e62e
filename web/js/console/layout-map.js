// Draws a layout's sections as an SVG map for the console, with the seat selector's shapes
// (selector/geometry.js). The view box fits whatever is drawn, so any unit scale works.
import { svg, shape, centre, viewBox, fitLabel } from '../selector/geometry.js';

// An empty map for a page to place and fill with drawMap.
export function mapElement(className, label) {
  return svg('svg', { class: className, role: 'img', 'aria-label': label });
}

// Whether a geometry can be drawn (the editor shows sections mid-typing).
function drawable(g) {
  if (!g || !Number.isFinite(g.x) || !Number.isFinite(g.y)) return false;
  if (g.shape === 'polygon') return (g.points || []).length >= 3;
  return g.width > 0 && g.height > 0;
}

// Replaces the content of `target` (an <svg>) with the sections that have a drawable geometry.
// `style(section)` → {fill, ink, label} lets a page colour a section, its key, and word its caption.
// Answers `repaint()`, which applies `style` again without redrawing (for counts that change).
export function drawMap(target, sections, style = () => ({})) {
  target.replaceChildren();
  const placed = sections.filter((s) => drawable(s.geometry));
  if (!placed.length) {
    target.setAttribute('viewBox', '0 0 100 40');
    const empty = svg('text', { x: 50, y: 22, 'text-anchor': 'middle', class: 'map-empty' });
    empty.textContent = 'No section has a position yet';
    target.append(empty);
    return () => {};
  }
  // The selector's box around every shape, widened by a margin that scales with the map.
  const [x, y, width, height] = viewBox(placed.map((s) => s.geometry), 0).split(' ').map(Number);
  const size = Math.max(width, height, 10);
  const pad = size * 0.04;
  target.setAttribute('viewBox', `${x - pad} ${y - pad} ${width + 2 * pad} ${height + 2 * pad}`);
  const drawn = placed.map((section) => {
    const outline = shape(section.geometry);
    const title = svg('title');
    const [cx, cy] = centre(section.geometry);
    // As large as the shape allows (up to an eighth of the map), as on the buyer's map: one size
    // for the whole map made a small preview's labels unreadable dashes.
    const fontSize = fitLabel(section.key, section.geometry, size / 8).size;
    const text = svg('text', { x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fontSize.toFixed(1) });
    text.textContent = section.key;
    const group = svg('g', { class: `map-section ${section.kind}` });
    group.append(outline, title, text);
    target.append(group);
    return { section, outline, title, text };
  });
  const repaint = () => {
    for (const { section, outline, title, text } of drawn) {
      const { fill, ink, label } = style(section);
      // A style, not an attribute, so it wins over the stylesheet's colours by kind.
      outline.style.fill = fill || '';
      text.style.fill = ink || '';
      title.textContent = label || section.name || section.key;
    }
  };
  repaint();
  return repaint;
}
