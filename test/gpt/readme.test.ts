// The README's microgpt example, line for line (the default run itself is checked in microgpt.test.ts).
import { describe, expect, it } from "vitest";
import { MicroGpt, MicroGptTrainer, splitDocs } from "../../src/index.js";

describe("README microgpt example", () => {
  it("trains on a text a step at a time, saves, loads and inspects", () => {
    const text = "anna\nbob\r\nclara\n\n  dave \n";
    const trainer = new MicroGptTrainer({ docs: splitDocs(text), steps: 5, seed: 7, config: { nLayer: 2 } });
    while (!trainer.done) trainer.step();
    expect(trainer.losses.length).toBe(5);
    expect(trainer.sample({ count: 5, temperature: 0.8 }).length).toBe(5);
    const saved = JSON.stringify(trainer.model);
    expect(JSON.parse(saved).type).toBe("MicroGpt");
    const model = MicroGpt.fromJSON(saved);
    const { probs, attention } = model.inspect(model.tokenizer.encode("anna").slice(0, -1));
    expect(probs.length).toBe(5);
    expect(attention[4]?.length).toBe(2); // layers
  });
});
