// postinstall: fixes to pdfjs-dist's worker code for hostile PDFs and for speed, which no pdfjs
// option gives. Each is an exact text replacement, idempotent, and says so loudly when pdfjs changed
// and it no longer applies (the regression tests in test/fuzz.test.ts and test/hostile.test.ts
// then fail).
//
// 1. Type 1 encodings. Type1Parser.extractFontHeader stores `dup <index> /name put` at any
//    index the font names, so a damaged embedded Type 1 font can make its built-in encoding a
//    sparse array of millions of slots; extractFontProgram then calls indexOf on it once per
//    glyph, and each call walks every slot (found by fuzzing: 60–80 s for one page,
//    test/fuzz-crashes/seed1-it7835-xiangfuban-2024-40.pdf). A Type 1 encoding has 256 codes,
//    so indexes outside 0..255 are dropped.
// 2. Decoded stream size. A decoded stream is held whole in typed arrays, outside V8's heap
//    limit (content streams are inflated by the native DecompressionStream, then copied into
//    one array; other streams grow one DecodeStream buffer): a 1 MB PDF whose content stream
//    inflates to 1 GB took 2.3 GB of RSS. When `globalThis.zhibiaoMaxDecodedStreamBytes` is set (src/readers/pdf.ts sets it
//    from ZHIBIAO_MAX_PDF_STREAM_MB), a stream growing past it stops (DecodeStream throws, the
//    native path gives an empty stream) and is recorded in `globalThis.zhibiaoStreamOverCap`
//    (pdfjs turns errors while parsing a page into warnings, so the reader looks there).
// 3. Text and form matrices in double precision. The reader rebuilds text runs from the operator
//    list (src/readers/pdf-oplist-text.ts) to parse each page once; getTextContent computes
//    positions from the Tm and form /Matrix numbers as parsed, the operator list rounds them to
//    float32 (a Tm at x = 500 moves by up to 3e-5 pt, enough to flip a rounded bbox now and
//    then). Float64Array keeps them as parsed; nothing in pdfjs needs the float32 copy.
// 4. No glyph outlines. In Node pdfjs sets disableFontFace, and then builds the outline of every
//    glyph shown (buildFontPaths) and posts it to the main thread, for a canvas to draw text
//    with; zhibiao never renders a page (scans are decoded from their image objects), so when
//    `globalThis.zhibiaoNoGlyphPaths` is set (src/readers/pdfjs.ts sets it) they are not built:
//    ~4% of a worker's CPU on the bench:peers PDFs.
// 5. Graphics and text states cloned flat. EvalState.clone (every `q` of a content stream) and
//    TextState.clone made each copy with Object.create(this): every copy had the state it was
//    made from as its prototype, hence a map of its own (V8 keys maps on the prototype), so each
//    `stateManager.state.font` and `…ColorSpace` in getOperatorList's loop saw new maps, deoptimized
//    ("wrong map") and was compiled again by TurboFan, page after page, and every lookup walked the
//    chain. The copies are now own-property copies on the class prototype (all fields are class
//    fields, so every state has all of them, in one order, and one map); a copy still shares the
//    path buffer when `newPath` is not asked for, as before. Nothing writes to a saved state while
//    a copy of it is in use (save pushes it, restore brings it back), so what a copy reads is the same.
// 6. Operator lists handed over, not cloned. Node has no pdfjs worker: its worker code runs in
//    this thread and talks to the API side through a LoopbackPort, which structuredClones every
//    message, so each page's operator list (every argument array of every operator) was copied
//    once more after it was built, and the copy was garbage to collect (~6% of the reader's CPU
//    in postMessage/structuredClone alone). When `globalThis.zhibiaoPassOperatorLists` is set
//    (src/readers/pdfjs.ts sets it), OperatorList.flush sends shallow copies of its two arrays
//    (it empties them right after sending) and the port passes that one message as it is; the
//    worker code does not change an operator's arguments once the chunk is sent (the optimizer
//    works on the next chunk only), and the API side only pushes them into the page's list. Every
//    other message (text content, fonts, images, errors) is still cloned: getTextContent, for one,
//    empties its items after sending them.
// 7. CFF font programs measured, not copied. pdfjs turns every embedded Type 1 and CFF font into
//    an OpenType file for a browser to draw with (CFFCompiler.compile, for CFF, OpenType-CFF and
//    wrapped Type 1 fonts alike); its CharStrings and Subrs indexes are copied byte by byte, then
//    spread into one array (~4.5% of a worker's CPU on the bench:peers PDFs). Nothing reads the
//    file here but glyph outlines (patch 4), so when `globalThis.zhibiaoNoGlyphPaths` is set an
//    index with no offsets to track is measured instead (the same length, the same errors: a
//    missing entry still throws, anything not a plain byte array or longer than a Type 2
//    charstring may be goes the original way) and compile returns zeros of the program's length.
//    Everything a compile decides stays as it was: which font fails (pdfjs then falls back to a
//    standard font, and text comes out differently) and every offset the top and private dicts get.
// 8. Image XObjects decoded when asked for. getOperatorList decodes every image XObject it meets
//    (Flate/JPEG in JavaScript, colour conversion to RGBA) and posts the pixels, though the reader
//    wants them only on scanned pages (runs.length === 0), for OCR. When
//    `globalThis.zhibiaoDeferredImages` is a Map (src/readers/pdfjs.ts sets it), the decoding is
//    kept there per document and object id instead, and run by decodeDeferredImage when a scanned
//    page asks for its image; the operator (paintImageXObject, its id and size) is added as before.
//    Inline images and image masks are decoded while parsing as before (their pixels are arguments).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { patchFile } from './lib/patch-file.mjs';

const PATCHES = [
  {
    name: 'Type 1 encoding codes limited to 0–255',
    marker: '/* zhibiao: Type 1 encodings have 256 codes */',
    original: 'const glyph = this.getToken();\n              encoding[index] = glyph;',
    patched: 'const glyph = this.getToken();\n              /* zhibiao: Type 1 encodings have 256 codes */ if (index >= 0 && index < 256) encoding[index] = glyph;',
  },
  {
    name: 'cap on the decoded size of a stream (native DecompressionStream, used for content streams)',
    marker: '/* zhibiao: decoded stream cap (async) */',
    original: '      for await (const chunk of readable) {\n        chunks.push(chunk);\n        totalLength += chunk.byteLength;\n      }\n',
    patched: '      for await (const chunk of readable) {\n        chunks.push(chunk);\n        totalLength += chunk.byteLength;\n'
      + '        /* zhibiao: decoded stream cap (async) */ const zhibiaoCap = globalThis.zhibiaoMaxDecodedStreamBytes;\n'
      + '        if (zhibiaoCap !== undefined && totalLength > zhibiaoCap) {\n'
      + '          globalThis.zhibiaoStreamOverCap = totalLength;\n'
      + '          return { decompressed: new Uint8Array(0), compressed: bytes };\n'
      + '        }\n'
      + '      }\n',
  },
  {
    name: 'cap on the decoded size of a stream',
    marker: '/* zhibiao: decoded stream cap */',
    original: '  ensureBuffer(requested) {\n    const buffer = this.buffer;\n    if (requested <= buffer.byteLength) {\n      return buffer;\n    }\n',
    patched: '  ensureBuffer(requested) {\n    const buffer = this.buffer;\n    if (requested <= buffer.byteLength) {\n      return buffer;\n    }\n'
      + '    /* zhibiao: decoded stream cap */ const zhibiaoCap = globalThis.zhibiaoMaxDecodedStreamBytes;\n'
      + '    if (zhibiaoCap !== undefined && requested > zhibiaoCap) {\n'
      + '      globalThis.zhibiaoStreamOverCap = requested;\n'
      + '      throw new Error(`a stream decodes to more than ${zhibiaoCap} bytes`);\n'
      + '    }\n',
  },
  {
    name: 'text matrices (Tm) in double precision',
    marker: '/* zhibiao: Tm in double precision */',
    original: '          case OPS.setTextMatrix:\n            operatorList.addOp(fn, [new Float32Array(args)]);',
    patched: '          case OPS.setTextMatrix:\n            /* zhibiao: Tm in double precision */ operatorList.addOp(fn, [new Float64Array(args)]);',
  },
  {
    name: 'form matrices in double precision',
    marker: '/* zhibiao: form matrix in double precision */',
    original: '    const f32matrix = matrix && new Float32Array(matrix);',
    patched: '    /* zhibiao: form matrix in double precision */ const f32matrix = matrix && new Float64Array(matrix);',
  },
  {
    name: 'no glyph outlines when nothing renders',
    marker: '/* zhibiao: no glyph paths */',
    original: '      if (isAddToPathSet || state.fillColorSpace.name === "Pattern" || state.strokeColorSpace.name === "Pattern" || font.disableFontFace) {\n        PartialEvaluator.buildFontPaths(',
    patched: '      if (/* zhibiao: no glyph paths */ !globalThis.zhibiaoNoGlyphPaths && (isAddToPathSet || state.fillColorSpace.name === "Pattern" || state.strokeColorSpace.name === "Pattern" || font.disableFontFace)) {\n        PartialEvaluator.buildFontPaths(',
  },
  {
    name: 'graphics states cloned flat (one map)',
    marker: '/* zhibiao: flat state clones */',
    original: '  } = {}) {\n    const clone = Object.create(this);\n    if (newPath) {',
    patched: '  } = {}) {\n    /* zhibiao: flat state clones */ const clone = Object.assign(Object.create(EvalState.prototype), this);\n    if (newPath) {',
  },
  {
    name: 'text states cloned flat (one map)',
    marker: '/* zhibiao: flat text state clones */',
    original: '    const clone = Object.assign(Object.create(this), this);\n    clone.textMatrix = this.textMatrix.slice();',
    patched: '    /* zhibiao: flat text state clones */ const clone = Object.assign(Object.create(TextState.prototype), this);\n    clone.textMatrix = this.textMatrix.slice();',
  },
  {
    name: 'operator list chunks passed to the API side, not cloned (worker side)',
    marker: '/* zhibiao: operator lists passed */',
    original: '    this._streamSink.enqueue({\n      fnArray: this.fnArray,\n      argsArray: this.argsArray,\n      lastChunk,\n      separateAnnots,\n      length\n    }, 1, this._transfers);\n',
    patched: '    /* zhibiao: operator lists passed */ const zhibiaoPass = globalThis.zhibiaoPassOperatorLists === true;\n'
      + '    globalThis.zhibiaoPassNextMessage = zhibiaoPass;\n'
      + '    this._streamSink.enqueue({\n      fnArray: zhibiaoPass ? this.fnArray.slice() : this.fnArray,\n      argsArray: zhibiaoPass ? this.argsArray.slice() : this.argsArray,\n      lastChunk,\n      separateAnnots,\n      length\n    }, 1, zhibiaoPass ? null : this._transfers);\n'
      + '    globalThis.zhibiaoPassNextMessage = false;\n',
  },
  {
    name: 'CFF indexes measured, not copied, when nothing renders (index)',
    marker: '/* zhibiao: CFF index measured */',
    original: '  compileIndex(index, trackers = []) {\n    const objects = index.objects;\n    const count = objects.length;\n',
    patched: '  compileIndex(index, trackers = []) {\n    const objects = index.objects;\n    const count = objects.length;\n'
      + '    /* zhibiao: CFF index measured */ if (globalThis.zhibiaoNoGlyphPaths === true && trackers.length === 0) {\n'
      + '      let zhibiaoBytes = count === 0 ? 2 : -1;\n'
      + '      if (count > 0) {\n'
      + '        let zhibiaoLast = 1;\n'
      + '        for (let i = 0; i < count; ++i) {\n'
      + '          const object = objects[i];\n'
      + '          zhibiaoLast += object.length;\n'
      + '          if (!(Array.isArray(object) || object instanceof Uint8Array) || object.length > 0xffff) {\n'
      + '            zhibiaoLast = NaN;\n'
      + '            break;\n'
      + '          }\n'
      + '        }\n'
      + '        const offsetSize = zhibiaoLast < 0x100 ? 1 : zhibiaoLast < 0x10000 ? 2 : zhibiaoLast < 0x1000000 ? 3 : 4;\n'
      + '        if (zhibiaoLast === zhibiaoLast) zhibiaoBytes = 3 + (count + 1) * offsetSize + zhibiaoLast - 1;\n'
      + '      }\n'
      + '      if (zhibiaoBytes >= 0) return { zhibiaoMeasured: zhibiaoBytes };\n'
      + '    }\n',
  },
  {
    name: 'CFF indexes measured, not copied, when nothing renders (output)',
    marker: '/* zhibiao: CFF output of measured indexes */',
    original: '      add(data) {\n        try {\n          this.data.push(...data);',
    patched: '      add(data) {\n        /* zhibiao: CFF output of measured indexes */ if (data?.zhibiaoMeasured !== undefined) {\n'
      + '          this.data.length += data.zhibiaoMeasured;\n'
      + '          this.length = this.data.length;\n'
      + '          return;\n'
      + '        }\n'
      + '        try {\n          this.data.push(...data);',
  },
  {
    name: 'CFF indexes measured, not copied, when nothing renders (result)',
    marker: '/* zhibiao: CFF program of its length */',
    original: '    output.add([0]);\n    return output.data;\n',
    patched: '    output.add([0]);\n    /* zhibiao: CFF program of its length */ if (globalThis.zhibiaoNoGlyphPaths === true) return new Uint8Array(output.length);\n    return output.data;\n',
  },
  {
    name: 'image XObjects decoded when asked for',
    marker: '/* zhibiao: images decoded on demand */',
    original: '    PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,\n      pdfFunctionFactory: this._pdfFunctionFactory,\n      globalColorSpaceCache: this.globalColorSpaceCache,\n      localColorSpaceCache\n    }).then(async imageObj => {\n      imgData = await imageObj.createImageData(false, isOffscreenCanvasSupported);\n      imgData.dataLen = imgData.bitmap ? imgData.width * imgData.height * 4 : imgData.data.length;\n      imgData.ref = imageRef;\n      if (cacheGlobally) {\n        this.globalImageCache.addByteSize(imageRef, imgData.dataLen);\n      }\n      return this._sendImgData(objId, imgData, cacheGlobally);\n    }).catch(reason => {\n      warn(`Unable to decode image \"${objId}\": \"${reason}\".`);\n      if (imageRef) {\n        this.globalImageCache.addDecodeFailed(imageRef);\n      }\n      return this._sendImgData(objId, null, cacheGlobally);\n    });\n',
    patched: '    /* zhibiao: images decoded on demand */ const zhibiaoDecode = () => PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,\n      pdfFunctionFactory: this._pdfFunctionFactory,\n      globalColorSpaceCache: this.globalColorSpaceCache,\n      localColorSpaceCache\n    }).then(async imageObj => {\n      imgData = await imageObj.createImageData(false, isOffscreenCanvasSupported);\n      imgData.dataLen = imgData.bitmap ? imgData.width * imgData.height * 4 : imgData.data.length;\n      imgData.ref = imageRef;\n      if (cacheGlobally) {\n        this.globalImageCache.addByteSize(imageRef, imgData.dataLen);\n      }\n      return this._sendImgData(objId, imgData, cacheGlobally);\n    }).catch(reason => {\n      warn(`Unable to decode image \"${objId}\": \"${reason}\".`);\n      if (imageRef) {\n        this.globalImageCache.addDecodeFailed(imageRef);\n      }\n      return this._sendImgData(objId, null, cacheGlobally);\n    });\n    const zhibiaoDeferred = globalThis.zhibiaoDeferredImages;\n    if (zhibiaoDeferred instanceof Map) {\n      const docId = this.idFactory.getDocId();\n      if (!zhibiaoDeferred.has(docId)) zhibiaoDeferred.set(docId, new Map());\n      zhibiaoDeferred.get(docId).set(objId, zhibiaoDecode);\n    } else {\n      zhibiaoDecode();\n    }\n',
  },
];

/** The API side (pdf.mjs): the in-thread port that carries the worker code's messages. */
const API_PATCHES = [
  {
    name: 'operator list chunks passed to the API side, not cloned (port)',
    marker: '/* zhibiao: pass flagged message */',
    original: '    const event = {\n      data: structuredClone(obj, transfer ? {\n        transfer\n      } : null)\n    };',
    patched: '    const event = {\n      data: /* zhibiao: pass flagged message */ globalThis.zhibiaoPassNextMessage === true ? obj : structuredClone(obj, transfer ? {\n        transfer\n      } : null)\n    };',
  },
];

function workerPath() {
  try {
    return createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  } catch {
    return null;
  }
}

const path = workerPath();
if (!path) {
  console.warn('zhibiao postinstall: pdfjs-dist not found; pdfjs patches not applied');
} else {
  patchFile(path, PATCHES, 'pdfjs', 'scripts/patch-pdfjs.mjs');
  patchFile(join(dirname(path), 'pdf.mjs'), API_PATCHES, 'pdfjs', 'scripts/patch-pdfjs.mjs');
}
