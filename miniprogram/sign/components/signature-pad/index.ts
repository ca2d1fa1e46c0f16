import { exportSize, segmentTo, signatureProblem, strokePath, strokeTail, type PenCommand } from './stroke-geometry';
import { StrokeHistory, type Point } from './stroke-history';

/**
 * The handwritten signature: a `<canvas type="2d">` the worker writes on, with 撤销 / 重做 / 清除, and
 * the PNG export POST /sign wants. The strokes are kept as points (StrokeHistory), so undo simply redraws
 * them; the canvas is only their picture.
 */

type Context2D = WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;

/** Ink width in CSS px: bold enough to stay legible once the PNG is scaled into the contract's box. */
const PEN_WIDTH = 4;
const PEN_COLOR = '#1f1f1f';

type Data = {
  empty: boolean;
  canUndo: boolean;
  canRedo: boolean;
};

type Methods = {
  onTouchStart(event: WechatMiniprogram.TouchCanvas): void;
  onTouchMove(event: WechatMiniprogram.TouchCanvas): void;
  onTouchEnd(): void;
  undo(): void;
  redo(): void;
  clear(): void;
  /** Why the drawing is not yet a signature (empty, a mere dot), or null. */
  problem(): string | null;
  /** The signature as a PNG temp file within the server's size limits. */
  exportPng(): Promise<string>;
  setUpCanvas(canvas: WechatMiniprogram.Canvas, width: number, height: number): void;
  redraw(): void;
  draw(commands: PenCommand[]): void;
  publish(): void;
};

type Custom = {
  history: StrokeHistory;
  canvas: WechatMiniprogram.Canvas | null;
  context: Context2D | null;
  /** The pad's CSS size and the screen's pixel ratio, measured once it is laid out. */
  size: { width: number; height: number; pixelRatio: number };
};

const firstTouch = (event: WechatMiniprogram.TouchCanvas): Point | null => {
  const touch = event.touches[0];
  return touch ? { x: touch.x, y: touch.y } : null;
};

Component<Data, {}, Methods, [], Custom>({
  data: {
    empty: true,
    canUndo: false,
    canRedo: false,
  },
  lifetimes: {
    created() {
      this.history = new StrokeHistory();
      this.canvas = null;
      this.context = null;
      this.size = { width: 0, height: 0, pixelRatio: 1 };
    },
    ready() {
      this.createSelectorQuery()
        .select('#pad')
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: WechatMiniprogram.Canvas; width: number; height: number } | null>) => {
          const found = results[0];
          if (!found?.node) {
            // canvas type="2d" needs base library 2.9.0; older WeChat cannot draw here at all.
            wx.showModal({ title: '提示', content: '当前微信版本过低，无法手写签名，请升级微信后重试', showCancel: false });
            return;
          }
          this.setUpCanvas(found.node, found.width, found.height);
        });
    },
  },
  methods: {
    setUpCanvas(canvas, width, height) {
      // The canvas is width×height CSS px on screen; its bitmap gets the device pixels so lines stay sharp.
      const { pixelRatio } = wx.getWindowInfo();
      canvas.width = Math.round(width * pixelRatio);
      canvas.height = Math.round(height * pixelRatio);
      const context = canvas.getContext('2d');
      context.scale(pixelRatio, pixelRatio);
      context.lineWidth = PEN_WIDTH;
      context.lineCap = 'round';
      context.lineJoin = 'round';
      context.strokeStyle = PEN_COLOR;
      context.fillStyle = PEN_COLOR;
      this.canvas = canvas;
      this.context = context;
      this.size = { width, height, pixelRatio };
      this.redraw();
    },

    onTouchStart(event) {
      const point = firstTouch(event);
      if (!point) return;
      this.history.begin(point);
      if (this.data.empty) this.setData({ empty: false });
    },

    onTouchMove(event) {
      const point = firstTouch(event);
      const stroke = this.history.drawing;
      if (!point || !stroke || !this.history.extend(point)) return;
      this.draw(segmentTo(stroke, stroke.length - 1));
    },

    onTouchEnd() {
      const stroke = this.history.drawing;
      if (!stroke) return;
      this.history.end();
      this.draw(strokeTail(stroke));
      this.publish();
    },

    undo() {
      if (this.history.undo()) this.redraw();
    },

    redo() {
      if (this.history.redo()) this.redraw();
    },

    clear() {
      if (this.history.clear()) this.redraw();
    },

    problem() {
      return signatureProblem(this.history.strokes);
    },

    exportPng() {
      const { canvas } = this;
      if (!canvas) return Promise.reject(new Error('签名板尚未准备好'));
      const dest = exportSize(this.size.width, this.size.height, this.size.pixelRatio);
      return new Promise<string>((resolve, reject) => {
        wx.canvasToTempFilePath(
          {
            canvas,
            fileType: 'png',
            destWidth: dest.width,
            destHeight: dest.height,
            success: ({ tempFilePath }) => resolve(tempFilePath),
            fail: ({ errMsg }) => reject(new Error(errMsg)),
          },
          this,
        );
      });
    },

    redraw() {
      const { context } = this;
      if (context) {
        context.clearRect(0, 0, this.size.width, this.size.height);
        for (const stroke of this.history.strokes) this.draw(strokePath(stroke));
      }
      this.publish();
    },

    draw(commands) {
      const { context } = this;
      if (!context || commands.length === 0) return;
      context.beginPath();
      for (const command of commands) {
        switch (command.kind) {
          case 'dot':
            // A tap is a filled dot; there is no line to stroke.
            context.arc(command.at.x, command.at.y, PEN_WIDTH / 2, 0, Math.PI * 2);
            context.fill();
            return;
          case 'move':
            context.moveTo(command.to.x, command.to.y);
            break;
          case 'line':
            context.lineTo(command.to.x, command.to.y);
            break;
          case 'quad':
            context.quadraticCurveTo(command.control.x, command.control.y, command.to.x, command.to.y);
            break;
        }
      }
      context.stroke();
    },

    /** Shows the buttons' state and tells the page whether there is a signature. */
    publish() {
      const { isEmpty: empty, canUndo, canRedo } = this.history;
      this.setData({ empty, canUndo, canRedo });
      this.triggerEvent('change', { empty });
    },
  },
});
