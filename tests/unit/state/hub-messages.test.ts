import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/hub/client.ts';
import { configFailure, importFailure } from '../../../src/lib/state/hub-messages.ts';

const ID = 'acme/model';

describe('configFailure: what happened, and what to do in the page', () => {
  it.each([
    [new HubError(401, 'x'), 'acme/model is gated or private (HTTP 401): the page cannot read it. Accept its terms on the Hub, download its config.json and paste it below.'],
    [new HubError(404, 'acme/model@main has no config.json (HTTP 404): check the model id and revision'), 'acme/model@main has no config.json (HTTP 404): check the model id and revision, or paste its config.json below.'],
    [new HubError(null, 'could not reach https://h for acme/model@main: check the connection or the Hub address, or paste its config.json instead'), 'Could not reach https://h for acme/model@main: check the connection or the Hub address, or paste its config.json below.'],
    [new HubError(502, 'acme/model@main: config.json could not be read (HTTP 502)'), 'acme/model@main: config.json could not be read (HTTP 502): try again later, or paste its config.json below.'],
    [new HubError(200, 'acme/model: config.json is over 1000 bytes'), 'acme/model: config.json is over 1000 bytes: check the model id, or paste its config.json below.'],
    [new SyntaxError('invalid JSON at line 1'), 'acme/model: config.json could not be read (invalid JSON at line 1). Check the model id, or paste its config.json below.'],
  ])('%o', (error, message) => {
    expect(configFailure(error, ID)).toBe(message);
  });

  it('importFailure keeps the import\'s reason and says the model stays', () => {
    expect(importFailure('config.json: model_type: expected …', ID)).toBe(
      'acme/model: config.json: model_type: expected …. The model shown is unchanged; check the model id, or paste an edited config.json below.',
    );
  });
}); // prettier-ignore
