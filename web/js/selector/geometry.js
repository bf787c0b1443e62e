// Turns a section's `geometry` (map units, x/y the top-left corner before rotation, rotation in
// degrees about the shape's centre) into SVG, and finds the box that holds a whole map.
const svgNs = 'http://www.w3.org/2000/svg';

export function svg(name, attributes = {}) {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

export function centre(g) {
  if (g.shape === 'polygon') {
    const xs = g.points.map((p) => p[0]);
    const ys = g.points.map((p) => p[1]);
    return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  }
  return [g.x + g.width / 2, g.y + g.height / 2];
}

export function shape(g) {
  let element;
  if (g.shape === 'polygon') {
    element = svg('polygon', { points: g.points.map((p) => p.join(',')).join(' ') });
  } else if (g.shape === 'ellipse') {
    const [cx, cy] = centre(g);
    element = svg('ellipse', { cx, cy, rx: g.width / 2, ry: g.height / 2 });
  } else {
    element = svg('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: 3 });
  }
  if (g.rotation) {
    const [cx, cy] = centre(g);
    element.setAttribute('transform', `rotate(${g.rotation} ${cx} ${cy})`);
  }
  return element;
}

function corners(g) {
  const pts =
    g.shape === 'polygon'
      ? g.points
      : [[g.x, g.y], [g.x + g.width, g.y], [g.x + g.width, g.y + g.height], [g.x, g.y + g.height]];
  if (!g.rotation) return pts;
  const [cx, cy] = centre(g);
  const a = (g.rotation * Math.PI) / 180;
  return pts.map(([x, y]) => [
    cx + (x - cx) * Math.cos(a) - (y - cy) * Math.sin(a),
    cy + (x - cx) * Math.sin(a) + (y - cy) * Math.cos(a),
  ]);
}

// The viewBox that shows every geometry with a margin.
export function viewBox(geometries, margin = 20) {
  const pts = geometries.flatMap(corners);
  if (pts.length === 0) return '0 0 100 100';
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs) - margin;
  const y = Math.min(...ys) - margin;
  return `${x} ${y} ${Math.max(...xs) - x + margin} ${Math.max(...ys) - y + margin}`;
}

// The text of a label and its font size (map units) so that it fits inside `g` along the shape's
// own width: one line, or two when splitting a name of several words lets it be larger. Letters
// are taken as 0.6 em wide, a fair bound for the page's sans-serif in digits and lower case.
export function fitLabel(text, g, largest = 40) {
  const [width, height] = extent(g);
  const size = (lines) => {
    const longest = Math.max(...lines.map((l) => l.length));
    return Math.min(largest, (0.85 * width) / (longest * 0.6), (0.7 * height) / (lines.length * 1.1));
  };
  let best = { lines: [text], size: size([text]) };
  const words = text.split(' ');
  for (let i = 1; i < words.length; ++i) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    if (size(lines) > best.size) best = { lines, size: size(lines) };
  }
  return best;
}

// Width and height of a shape before rotation (a polygon's: of the box around its corners).
function extent(g) {
  if (g.shape !== 'polygon') return [g.width, g.height];
  const xs = g.points.map((p) => p[0]);
  const ys = g.points.map((p) => p[1]);
  return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}
