// Reads camunda:* attributes and extension elements whether or not the Camunda moddle extension is loaded.
function attr(node, name) {
  const value = node.$attrs && node.$attrs['camunda:' + name];
  if (value !== undefined) return value;
  try {
    return node.get('camunda:' + name);
  } catch (e) {
    return undefined;
  }
}

/** The camunda:property elements (name, value) of a node's extension elements. */
function properties(node) {
  const found = [];
  const extensions = node.extensionElements && node.extensionElements.values || [];
  for (const extension of extensions) {
    const type = (extension.$type || '').toLowerCase();
    if (type !== 'camunda:properties') continue;
    for (const p of extension.values || extension.$children || []) {
      found.push({ name: p.name || (p.$attrs && p.$attrs.name), value: p.value || (p.$attrs && p.$attrs.value) });
    }
  }
  return found;
}

module.exports = { attr, properties };
