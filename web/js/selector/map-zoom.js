// Zoom and pan for the venue map, by changing its viewBox: buttons, the mouse wheel, two-finger
// pinch and dragging. The page never moves: only what the map shows does. A drag that moved the
// map swallows the click that ends it, so panning never chooses a section by accident.
const maxScale = 8;

export class MapZoom {
  // box: the whole venue as [x, y, width, height] in map units.
  constructor(svgElement, box, { onChange = () => {} } = {}) {
    Object.assign(this, { svg: svgElement, whole: box, onChange });
    this.box = [...box];
    this.pointers = new Map();
    this.dragged = false;
    this.apply();
    svgElement.addEventListener('wheel', (event) => {
      event.preventDefault();
      this.zoomBy(event.deltaY < 0 ? 1.25 : 0.8, this.toMap(event.clientX, event.clientY));
    }, { passive: false });
    svgElement.addEventListener('pointerdown', (event) => this.down(event));
    svgElement.addEventListener('pointermove', (event) => this.move(event));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave'])
      svgElement.addEventListener(type, (event) => this.pointers.delete(event.pointerId));
    svgElement.addEventListener('click', (event) => {
      if (!this.dragged) return;
      event.stopPropagation();
      event.preventDefault();
      this.dragged = false;
    }, true);
  }

  get scale() {
    return this.whole[2] / this.box[2];
  }

  // A point of the screen in map units.
  toMap(clientX, clientY) {
    const rect = this.svg.getBoundingClientRect();
    const [x, y, w, h] = this.box;
    // preserveAspectRatio "xMidYMid meet": one scale for both axes, the box centred.
    const k = Math.min(rect.width / w, rect.height / h) || 1;
    return [x + w / 2 + (clientX - rect.left - rect.width / 2) / k, y + h / 2 + (clientY - rect.top - rect.height / 2) / k];
  }

  // Zooms by `factor` keeping `at` (map units) where it is on the screen.
  zoomBy(factor, at = this.centre()) {
    const scale = Math.min(maxScale, Math.max(1, this.scale * factor));
    const [x, y, w, h] = this.box;
    const k = this.whole[2] / scale / w;
    this.box = [at[0] - (at[0] - x) * k, at[1] - (at[1] - y) * k, w * k, h * k];
    this.apply();
  }

  // Zooms by `factor` with `at` (map units) brought to the middle: the buttons zoom into the
  // chosen section this way.
  zoomInto(factor, at) {
    this.zoomBy(factor, at);
    const [, , w, h] = this.box;
    this.box[0] = at[0] - w / 2;
    this.box[1] = at[1] - h / 2;
    this.apply();
  }

  reset() {
    this.box = [...this.whole];
    this.apply();
  }

  centre() {
    const [x, y, w, h] = this.box;
    return [x + w / 2, y + h / 2];
  }

  // Keeps some of the venue in view, then draws.
  apply() {
    const [wx, wy, ww, wh] = this.whole;
    const [, , w, h] = this.box;
    this.box[0] = Math.min(Math.max(this.box[0], wx - w / 2), wx + ww - w / 2);
    this.box[1] = Math.min(Math.max(this.box[1], wy - h / 2), wy + wh - h / 2);
    this.svg.setAttribute('viewBox', this.box.join(' '));
    // Whole venue: a finger scrolls the page; zoomed in: it moves the map.
    this.svg.style.touchAction = this.scale > 1 ? 'none' : 'pan-y';
    this.svg.dataset.zoom = this.scale.toFixed(2);
    this.onChange(this.scale);
  }

  down(event) {
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.dragged = false;
    this.moved = 0;
  }

  move(event) {
    const last = this.pointers.get(event.pointerId);
    if (!last) return;
    const others = [...this.pointers].filter(([id]) => id !== event.pointerId).map(([, p]) => p);
    if (others.length === 1) {
      const [other] = others;
      const before = Math.hypot(last.x - other.x, last.y - other.y);
      const after = Math.hypot(event.clientX - other.x, event.clientY - other.y);
      if (before > 0) this.zoomBy(after / before, this.toMap((event.clientX + other.x) / 2, (event.clientY + other.y) / 2));
      this.dragged = true;
    } else if (others.length === 0 && this.scale > 1 && event.buttons) {
      const [ax, ay] = this.toMap(last.x, last.y);
      const [bx, by] = this.toMap(event.clientX, event.clientY);
      this.moved += Math.hypot(event.clientX - last.x, event.clientY - last.y);
      if (this.moved > 6) {
        this.dragged = true;
        this.box[0] += ax - bx;
        this.box[1] += ay - by;
        this.apply();
      }
    }
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  }
}
