/**
 * Static checks of the examples/ workflows against the node types that the real n8n app reports
 * (`n8n export:nodes`): every node's type and typeVersion exist, every parameter survives n8n's own
 * parameter resolution (NodeHelpers.getNodeParameters, which drops unknown and hidden parameters), and
 * every credential reference is one the node accepts.
 */
function findType(nodeTypes, type, version) {
	return nodeTypes.find(
		(d) => d.name === type && (Array.isArray(d.version) ? d.version.includes(version) : d.version === version),
	);
}

/** Path of the first value of `given` that `resolved` does not hold unchanged, or null. */
function firstMismatch(given, resolved, where = '') {
	if (given === null || typeof given !== 'object') return Object.is(given, resolved) ? null : where || '(value)';
	if (resolved === null || typeof resolved !== 'object' || Array.isArray(given) !== Array.isArray(resolved))
		return where || '(value)';
	if (Array.isArray(given)) {
		if (given.length !== resolved.length) return `${where} (length)`;
		for (let i = 0; i < given.length; i++) {
			const miss = firstMismatch(given[i], resolved[i], `${where}[${i}]`);
			if (miss) return miss;
		}
		return null;
	}
	for (const key of Object.keys(given)) {
		if (!(key in resolved)) return `${where}.${key}`.replace(/^\./, '');
		const miss = firstMismatch(given[key], resolved[key], `${where}.${key}`);
		if (miss) return miss.replace(/^\./, '');
	}
	return null;
}

/** Problems of one example workflow (empty when it is fine). */
function problemsOf(workflow, nodeTypes, NodeHelpers) {
	const problems = [];
	const names = new Set(workflow.nodes.map((node) => node.name));
	for (const node of workflow.nodes) {
		const description = findType(nodeTypes, node.type, node.typeVersion);
		if (!description) {
			problems.push(`${node.name}: n8n has no ${node.type} version ${node.typeVersion}`);
			continue;
		}
		const resolved = NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		);
		const miss = firstMismatch(node.parameters, resolved || {});
		if (miss)
			problems.push(`${node.name}: parameter ${miss} is unknown or hidden in ${node.type} v${node.typeVersion}`);
		const accepted = (description.credentials || []).map((c) => c.name);
		for (const type of Object.keys(node.credentials || {})) {
			if (!accepted.includes(type))
				problems.push(
					`${node.name}: ${node.type} v${node.typeVersion} takes no ${type} credential (${accepted.join(', ') || 'none'})`,
				);
		}
	}
	for (const [from, byType] of Object.entries(workflow.connections)) {
		if (!names.has(from)) problems.push(`connection from unknown node ${from}`);
		for (const outputs of Object.values(byType)) {
			for (const target of outputs.flat())
				if (!names.has(target.node)) problems.push(`connection to unknown node ${target.node}`);
		}
	}
	return problems;
}

module.exports = { problemsOf, firstMismatch };
