// The layout editor's stage: a checkbox and its number fields (named after the API's paths,
// `stage.width`, so errors land on them). Unchecked, the version has no stage.
const $ = (id) => document.getElementById(id);
const parts = ['x', 'y', 'width', 'height', 'rotation'];

export function readStage() {
  const on = $('stage-on').checked;
  $('stage-numbers').hidden = !on;
  if (!on) return undefined;
  const stage = {};
  for (const part of parts) stage[part] = Number($(`stage-${part}`).value || 0);
  if (!stage.rotation) delete stage.rotation;
  const label = $('stage-label').value.trim();
  if (label) stage.label = label;
  return stage;
}

// A version's stage into the fields; none: unchecked, with a place ready above the sections.
export function fillStage(stage) {
  $('stage-on').checked = Boolean(stage);
  const shown = stage || { x: 0, y: -80, width: 200, height: 40, rotation: 0, label: 'Stage' };
  for (const part of parts) $(`stage-${part}`).value = shown[part] ?? 0;
  $('stage-label').value = shown.label ?? 'Stage';
  $('stage-numbers').hidden = !stage;
}

export function writeStageBox(box) {
  for (const part of ['x', 'y', 'width', 'height']) if (box[part] !== undefined) $(`stage-${part}`).value = box[part];
}
