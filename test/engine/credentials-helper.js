'use strict';
// In-memory credential store + n8n-workflow ICredentialsHelper, following n8n's
// packages/cli/src/credentials-helper.ts (2.41) where it matters for community nodes:
//  - getDecrypted returns a fresh COPY with the type's defaults applied (n8n decrypts from the DB each time)
//  - authenticate applies the type's `authenticate` (function, or generic qs/headers/body/auth with
//    `={{$credentials.x}}` expressions resolved by the workflow's expression engine, as n8n does)
//  - preAuthentication: only for a `hidden` property with typeOptions.expirable; runs the type's
//    preAuthentication when that field is empty ('' or missing), when credentialsExpired, or during a
//    credential test; persists { ...stored, ...output } under node.credentials[type].id
const {
	ICredentialsHelper,
	NodeHelpers,
	UserError,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} = require('n8n-workflow');
const { Credentials } = require('n8n-core');

class InMemoryCredentialsHelper extends ICredentialsHelper {
	/** @param credentialTypes { get(name): ICredentialType | undefined } */
	constructor(credentialTypes) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = new Map(); // id -> { id, name, type, data }
		this.preAuthCount = 0;
		this.updateCount = 0;
		this.calls = []; // { method, id?, type } in order, for assertions
	}

	// ---- store API used by tests ----
	set(id, type, data, name = `${type} account`) {
		if (!this.credentialTypes.get(type)) throw new Error(`Unknown credential type "${type}"`);
		this.store.set(String(id), { id: String(id), name, type, data: structuredClone(data ?? {}) });
	}

	get(id) {
		const entry = this.store.get(String(id));
		return entry ? structuredClone(entry.data) : undefined;
	}

	entry(id) {
		const entry = this.store.get(String(id));
		return entry ? structuredClone(entry) : undefined;
	}

	resetCounters() {
		this.preAuthCount = 0;
		this.updateCount = 0;
		this.calls = [];
	}

	// ---- ICredentialsHelper ----
	getType(typeName) {
		const type = this.credentialTypes.get(typeName);
		if (!type) throw new UserError(`Unknown credential type "${typeName}"`);
		return type;
	}

	getParentTypes(typeName) {
		const type = this.credentialTypes.get(typeName);
		if (!type?.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		const type = this.credentialTypes.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some((n) => nodeType === n || nodeType.endsWith(`.${n}`));
	}

	getCredentialsProperties(typeName) {
		const type = this.getType(typeName);
		if (!type.extends) return type.properties;
		const combined = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	findEntry(nodeCredentials, type) {
		const id = nodeCredentials?.id;
		const entry =
			id !== undefined && id !== null
				? this.store.get(String(id))
				: [...this.store.values()].find((e) => e.type === type && e.name === nodeCredentials?.name);
		if (!entry || entry.type !== type) {
			throw new UserError(`Credential with ID "${id}" does not exist for type "${type}".`);
		}
		return entry;
	}

	async getCredentials(nodeCredentials, type) {
		const entry = this.findEntry(nodeCredentials, type);
		const credentials = new Credentials({ id: entry.id, name: entry.name }, entry.type);
		await credentials.setData(structuredClone(entry.data));
		return credentials;
	}

	applyDefaults(typeName, data) {
		try {
			const withDefaults = NodeHelpers.getNodeParameters(
				this.getCredentialsProperties(typeName),
				data,
				true,
				false,
				null,
				null,
			);
			return { ...data, ...withDefaults };
		} catch {
			return data;
		}
	}

	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw) {
		const entry = this.findEntry(nodeCredentials, type);
		this.calls.push({ method: 'getDecrypted', id: entry.id, type });
		const data = structuredClone(entry.data);
		return raw ? data : this.applyDefaults(type, data);
	}

	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.findEntry(nodeCredentials, type);
		this.calls.push({ method: 'updateCredentials', id: entry.id, type });
		this.updateCount++;
		entry.data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.findEntry(nodeCredentials, type);
		this.calls.push({ method: 'updateCredentialsOauthTokenData', id: entry.id, type });
		this.updateCount++;
		entry.data = { ...entry.data, oauthTokenData: structuredClone(data.oauthTokenData) };
	}

	resolveValue(value, credentials, workflow, node) {
		if (!isExpression(value)) return value;
		if (!workflow || !node) throw new UserError('Workflow and node are required to resolve credential expressions');
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && typeof authenticate === 'object') {
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue)) {
						if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
						requestOptions[outerKey][this.resolveValue(key, credentials, workflow, node)] = this.resolveValue(
							value,
							credentials,
							workflow,
							node,
						);
					}
				}
			}
		}
		return requestOptions;
	}

	// n8n only lets preAuthentication use helpers.httpRequest, restricted to the credential's own domains
	restrictHelpers(helpers, credentials) {
		return {
			helpers: {
				httpRequest: async (options) => {
					const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
					if (allowedDomains === undefined) return await helpers.helpers.httpRequest(options);
					return await helpers.helpers.httpRequest({ ...options, allowedDomains });
				},
			},
		};
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.getType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined) return undefined;
		if (typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		const current = credentials[expirable.name];
		if (!(current === '' || current === undefined || credentialsExpired || isTestingCredentials)) return undefined;

		this.preAuthCount++;
		this.calls.push({
			method: 'preAuthentication',
			id: node?.credentials?.[typeName]?.id,
			type: typeName,
			credentialsExpired,
		});
		const output = await type.preAuthentication.call(this.restrictHelpers(helpers, credentials), credentials);
		if (!output || output[expirable.name] === undefined) return undefined;

		const nodeCredentials = node?.credentials?.[type.name];
		if (!nodeCredentials) return undefined;
		if (nodeCredentials.id !== undefined && nodeCredentials.id !== null && this.store.has(String(nodeCredentials.id))) {
			const stored = this.store.get(String(nodeCredentials.id)).data;
			const toPersist = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(nodeCredentials, type.name, toPersist);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		this.preAuthCount++;
		this.calls.push({ method: 'runPreAuthentication', type: typeName });
		return (await type.preAuthentication.call(this.restrictHelpers(helpers, credentials), credentials)) ?? undefined;
	}
}

module.exports = { InMemoryCredentialsHelper };
