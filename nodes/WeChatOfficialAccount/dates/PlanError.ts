/**
 * A problem with the node's input found before any request is sent. Pure (no n8n imports): the
 * node turns it into a NodeOperationError that names the field.
 */
export class PlanError extends Error {
	constructor(
		/** The parameter at fault, as named in the node UI. */
		readonly field: string,
		message: string,
		/** What the user should do about it. */
		readonly hint: string,
	) {
		super(message);
		this.name = 'PlanError';
	}
}
