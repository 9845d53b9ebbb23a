import { isCgcError } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { parsePacket } from './packets.js';

const NS = 'xmlns="urn:debugger_protocol_v1" xmlns:xdebug="https://xdebug.org/dbgp/xdebug"';

describe('parsePacket', () => {
  it('reads the init packet (file URI, IDE key, app id, engine)', () => {
    const p = parsePacket(
      `<?xml version="1.0" encoding="iso-8859-1"?>\n<init ${NS} fileuri="file:///var/www/my%20app/index.php" language="PHP" ` +
        'protocol_version="1.0" appid="4242" idekey="PHPSTORM"><engine version="3.2.0"><![CDATA[Xdebug]]></engine></init>',
    );
    expect(p).toMatchObject({
      kind: 'init',
      file: '/var/www/my app/index.php',
      ideKey: 'PHPSTORM',
      appId: '4242',
      language: 'PHP',
      engine: 'Xdebug',
      engineVersion: '3.2.0',
    });
  });

  it('reads a stack, innermost first, with decoded paths', () => {
    const p = parsePacket(
      `<response ${NS} command="stack_get" transaction_id="12">` +
        '<stack where="{main}" level="1" type="file" filename="file:///a/index.php" lineno="9"></stack>' +
        '<stack where="App\\Svc-&gt;run" level="0" type="file" filename="file:///a/Svc.php" lineno="4"></stack></response>',
    );
    expect(p.kind).toBe('response');
    if (p.kind !== 'response') return;
    expect(p.transactionId).toBe(12);
    expect(p.stack.map((s) => [s.where, s.file, s.line])).toEqual([
      ['App\\Svc->run', '/a/Svc.php', 4],
      ['{main}', '/a/index.php', 9],
    ]);
  });

  it('reads status, errors and base64 properties', () => {
    const stop = parsePacket(
      `<response ${NS} command="step_into" transaction_id="3" status="stopping" reason="ok"/>`,
    );
    expect(stop).toMatchObject({ status: 'stopping', reason: 'ok', transactionId: 3 });
    const err = parsePacket(
      `<response ${NS} command="eval" transaction_id="4"><error code="206"><message><![CDATA[error evaluating code]]></message></error></response>`,
    );
    expect(err).toMatchObject({ error: { code: 206, message: 'error evaluating code' } });
    const val = parsePacket(
      `<response ${NS} command="eval" transaction_id="5"><property type="string" size="4" encoding="base64"><![CDATA[${Buffer.from('["x"]').toString('base64')}]]></property></response>`,
    );
    expect(val).toMatchObject({ value: '["x"]' });
  });

  it('rejects malformed XML, unknown packets and responses without a transaction id', () => {
    for (const bad of [
      '<response',
      'not xml at all',
      '<hello/>',
      `<response ${NS} command="run"/>`,
      '<a><b></a>',
    ]) {
      let code = 'none';
      try {
        parsePacket(bad);
      } catch (err) {
        code = isCgcError(err) ? err.code : 'other';
      }
      expect(code, bad).toBe('PARSE_FAILED');
    }
  });
});
