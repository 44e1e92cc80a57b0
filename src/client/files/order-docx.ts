// The approval order as a Word document the school secretary can edit and sign (docx, loaded on demand).
import { type OrderDocument, orderDate } from '../../domain/order-document';

export async function orderDocx(doc: OrderDocument): Promise<Blob> {
  const { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } =
    await import('docx');
  const text = (value: string, options: { bold?: boolean; size?: number } = {}) =>
    new TextRun({ text: value, bold: options.bold, size: options.size ?? 26, font: 'Times New Roman' });
  const para = (value: string, options: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({
      children: [text(value, options)],
      alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      spacing: { after: 120 },
    });
  const cell = (value: string, isHeader = false) =>
    new TableCell({ children: [new Paragraph({ children: [text(value, { bold: isHeader, size: 24 })] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['№', 'Наставник', 'Наставляемый (наставляемые)', 'Форма наставничества'].map((h) =>
          cell(h, true),
        ),
      }),
      ...doc.rows.map(
        (r) => new TableRow({ children: [cell(String(r.n)), cell(r.mentor), cell(r.mentees), cell(r.form)] }),
      ),
    ],
  });
  const document = new Document({
    sections: [
      {
        children: [
          para(doc.school, { center: true, bold: true }),
          para('ПРИКАЗ', { center: true, bold: true }),
          para(
            `от ${orderDate(doc.date)}                                                      № ${doc.number}`,
          ),
          para(doc.title, { center: true, bold: true }),
          para(`${doc.preamble},`),
          para('ПРИКАЗЫВАЮ:', { bold: true }),
          ...doc.items.map((item, i) => para(`${i + 1}. ${item}`)),
          para(''),
          para(`Директор ____________________ ${doc.signer}`),
          para(''),
          para(`Приложение к приказу от ${orderDate(doc.date)} № ${doc.number}`, { bold: true }),
          para('Наставнические пары (группы)', { center: true, bold: true }),
          table,
        ],
      },
    ],
  });
  return Packer.toBlob(document);
}
