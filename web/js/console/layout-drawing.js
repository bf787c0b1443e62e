// The layout editor's map as a drawing board: each section (its rows drawn inside it) and the
// stage can be dragged to move, and resized by the handle at their corner; with the keyboard, a
// shape is one Tab stop whose arrow keys move it (Shift: by 1 instead of 10) and its handle's
// arrow keys resize it. Every change goes to `onChange`, which writes the number fields, so the
// fields and the drawing are always the same layout. While a shape is dragged the view box stays
// put, or the map would slide under the pointer.
import { svg, shape, centre, viewBox, fitLabel } from '../selector/geometry.js';

const step = (event) => (event.shiftKey ? 1 : 10);
const round = (n) => Math.round(n);

export class LayoutDrawing {
  // onChange(item, {x, y, width, height}) after a move or a resize; an item is {id, name, kind,
  // geometry, rows}, id "stage" or the section's position.
  constructor(target, { onChange }) {
    Object.assign(this, { target, onChange });
    this.box = null;
    this.drag = null;
    // A drag is followed on the window, so the pointer may leave the map and nothing is captured.
    this.onMove = (event) => this.dragTo(event);
    this.onEnd = () => this.endDrag();
  }

  draw(items) {
    const focused = this.target.contains(document.activeElement) ? document.activeElement.dataset.focusId : null;
    this.target.replaceChildren();
    const placed = items.filter((item) => drawable(item.geometry));
    if (!placed.length) {
      this.target.setAttribute('viewBox', '0 0 100 40');
      const empty = svg('text', { x: 50, y: 22, 'text-anchor': 'middle', class: 'map-empty' });
      empty.textContent = 'No section has a position yet';
      this.target.append(empty);
      return;
    }
    // The view changes only when a shape would leave it, so a dropped or nudged shape stays where
    // the manager put it on the screen.
    const [x, y, width, height] = viewBox(placed.map((item) => item.geometry), 0).split(' ').map(Number);
    const inside = this.box && x >= this.box[0] && y >= this.box[1] &&
      x + width <= this.box[0] + this.box[2] && y + height <= this.box[1] + this.box[3];
    if (!this.drag && !inside) {
      const pad = Math.max(width, height, 10) * 0.06;
      this.box = [x - pad, y - pad, width + 2 * pad, height + 2 * pad];
    }
    this.target.setAttribute('viewBox', this.box.join(' '));
    for (const item of placed) this.target.append(this.shapeOf(item));
    if (focused) this.target.querySelector(`[data-focus-id="${CSS.escape(focused)}"]`)?.focus();
  }

  shapeOf(item) {
    const g = item.geometry;
    const what = item.id === 'stage' ? 'Stage' : `Section ${item.name}`;
    const group = svg('g', {
      class: `edit-shape ${item.kind}`, role: 'button', tabindex: '0', 'data-focus-id': `${item.id}:move`,
      'aria-label': `${what}, at x ${round(g.x)}, y ${round(g.y)}: drag or use the arrow keys to move it`,
    });
    group.append(shape(g), ...rowLines(item));
    const [cx, cy] = centre(g);
    const { lines, size } = fitLabel(item.name, g, Math.max(this.box[2], this.box[3]) / 25);
    const text = svg('text', { x: cx, y: cy, 'font-size': size.toFixed(1), 'text-anchor': 'middle', 'dominant-baseline': 'central' });
    text.textContent = lines.join(' ');
    group.append(text);
    group.addEventListener('pointerdown', (event) => this.startDrag(event, item, 'move'));
    group.addEventListener('keydown', (event) => this.key(event, item, 'move'));
    if (g.shape === 'polygon') return group;
    // The handle sits on the bottom-right corner as drawn (a rotated shape's corner turns with it).
    const handleSize = Math.max(this.box[2], this.box[3]) / 50;
    const handle = svg('rect', {
      class: 'edit-handle', x: g.x + g.width - handleSize / 2, y: g.y + g.height - handleSize / 2,
      width: handleSize, height: handleSize, role: 'button', tabindex: '0', 'data-focus-id': `${item.id}:resize`,
      'aria-label': `Resize ${what}, ${round(g.width)} by ${round(g.height)}: drag or use the arrow keys`,
    });
    if (g.rotation) handle.setAttribute('transform', `rotate(${g.rotation} ${cx} ${cy})`);
    handle.addEventListener('pointerdown', (event) => this.startDrag(event, item, 'resize'));
    handle.addEventListener('keydown', (event) => this.key(event, item, 'resize'));
    const both = svg('g');
    both.append(group, handle);
    return both;
  }

  // A point of the screen in map units.
  toMap(event) {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(this.target.getScreenCTM().inverse());
    return [point.x, point.y];
  }

  startDrag(event, item, mode) {
    event.preventDefault();
    event.stopPropagation();
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onEnd);
    window.addEventListener('pointercancel', this.onEnd);
    const { x, y, width, height } = item.geometry;
    this.drag = { item, mode, from: this.toMap(event), start: { x, y, width, height } };
  }

  dragTo(event) {
    if (!this.drag) return;
    const [px, py] = this.toMap(event);
    const { item, mode, from, start } = this.drag;
    const dx = px - from[0];
    const dy = py - from[1];
    this.change(item, mode === 'move'
      ? { ...start, x: round(start.x + dx), y: round(start.y + dy) }
      : { ...start, width: Math.max(1, round(start.width + dx)), height: Math.max(1, round(start.height + dy)) });
  }

  endDrag() {
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onEnd);
    window.removeEventListener('pointercancel', this.onEnd);
    if (!this.drag) return;
    const { item } = this.drag;
    this.drag = null;
    this.change(item, item.geometry);
  }

  key(event, item, mode) {
    const d = step(event);
    const moves = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] }[event.key];
    if (!moves) return;
    event.preventDefault();
    const { x, y, width, height } = item.geometry;
    this.change(item, mode === 'move'
      ? { x: round(x + moves[0]), y: round(y + moves[1]), width, height }
      : { x, y, width: Math.max(1, round(width + moves[0])), height: Math.max(1, round(height + moves[1])) });
  }

  change(item, geometry) {
    item.geometry = { ...item.geometry, ...geometry };
    this.onChange(item, geometry);
  }
}

function drawable(g) {
  if (!g || !Number.isFinite(g.x) || !Number.isFinite(g.y)) return false;
  if (g.shape === 'polygon') return (g.points || []).length >= 3;
  return g.width > 0 && g.height > 0;
}

// A seated section's rows as lines across it, front row first at the top (as the selector lists
// them), so that resizing shows how the rows spread.
function rowLines(item) {
  const g = item.geometry;
  if (item.kind !== 'seated' || !item.rows?.length || g.shape === 'polygon') return [];
  const [cx, cy] = centre(g);
  const gap = g.height / (item.rows.length + 1);
  return item.rows.map((_, i) => {
    const line = svg('line', { class: 'edit-row', x1: g.x + g.width * 0.08, x2: g.x + g.width * 0.92, y1: g.y + gap * (i + 1), y2: g.y + gap * (i + 1) });
    if (g.rotation) line.setAttribute('transform', `rotate(${g.rotation} ${cx} ${cy})`);
    return line;
  });
}
