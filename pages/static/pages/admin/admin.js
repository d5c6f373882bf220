/* Tawasul: additions to the Wagtail admin (pages/wagtail_hooks/admin_ui.py).
 *
 * - Slugs: Wagtail's slug field turns Arabic titles into Latin only for a few letters
 *   (its Arabic map has no alef, taa marbuta or hamza seats). Every Arabic letter is
 *   replaced first, with the table the server uses (pages/slugs.py), through the slug
 *   controller's own `formatters` value; titles are cut after the word that reaches
 *   the server's length.
 * - Rich-text editors inside StreamFields have no accessible name: each one is
 *   labelled by its field's label, or by its block's type ("Paragraph").
 * - The minimap's list scrolls but cannot take focus: it becomes focusable.
 * - Wagtail's workflow action dialog has <div>s straight inside a <ul>: they get their <li>.
 * - wagtail-localize's translation editor writes both languages in the admin's
 *   direction: source strings and translations get their own lang and dir; its
 *   PO file input gets a label.
 * - Rich text is sent as the editor shows it: Draftail copies an editor's content into
 *   its hidden input only 250 ms after the last change, so a form sent sooner (a quick
 *   click on "Submit", Ctrl+S) carried the content from before the last keystrokes; for
 *   a block just added, its empty default, which the server then refused as empty.
 *   Every rich-text editor of a form writes its content when the form is sent.
 */
(() => {
  const settingsElement = document.getElementById('tawasul-admin-settings');
  const settings = settingsElement ? JSON.parse(settingsElement.textContent) : {};
  let uid = 0;

  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const slugFormatters = () => {
    const table = settings.slugTable || [];
    const formatters = table.map(([letter, latin]) => [escapeRegExp(letter), latin]);
    if (settings.slugLength) {
      // Keep the words up to the one that reaches the length (like pages/slugs.py).
      formatters.push([`^([\\s\\S]{${settings.slugLength}}\\S*)[\\s\\S]*$`, '$1']);
    }
    return JSON.stringify(formatters);
  };

  const latinSlugs = (root) => {
    root.querySelectorAll('input[data-controller~="w-slug"]:not([data-tawasul-slug])').forEach((input) => {
      input.setAttribute('data-tawasul-slug', '');
      input.setAttribute('data-w-slug-formatters-value', slugFormatters());
    });
  };

  const ensureId = (element) => {
    if (!element.id) {
      uid += 1;
      element.id = `tawasul-label-${uid}`;
    }
    return element.id;
  };

  const richTextLabel = (editor) => {
    const field = editor.closest('.w-field');
    const input = field && field.querySelector('.w-field__input input[type="hidden"][id]');
    if (input) {
      const label =
        document.querySelector(`label[for="${CSS.escape(input.id)}"]`) || document.getElementById(`${input.id}-label`);
      if (label && label.textContent.trim()) return label;
    }
    const section = editor.closest('section.w-panel[aria-labelledby]');
    const heading = section && document.getElementById(section.getAttribute('aria-labelledby'));
    if (heading) {
      return heading.querySelector('.c-sf-block__type, label, [data-panel-heading-text]') || heading;
    }
    return null;
  };

  const nameRichTextEditors = (root) => {
    root.querySelectorAll('[contenteditable="true"][role="textbox"]').forEach((editor) => {
      if (editor.hasAttribute('aria-label') || editor.hasAttribute('aria-labelledby')) return;
      const label = richTextLabel(editor);
      if (label) editor.setAttribute('aria-labelledby', ensureId(label));
    });
  };

  const focusableMinimap = (root) => {
    root.querySelectorAll('.w-minimap__list:not([tabindex])').forEach((list) => {
      list.setAttribute('tabindex', '0');
    });
  };

  const RTL_LANGUAGES = ['ar', 'fa', 'he', 'ur'];
  const directionOf = (code) => (RTL_LANGUAGES.includes((code || '').split('-')[0]) ? 'rtl' : 'ltr');

  const markLanguage = (element, code) => {
    if (!element || element.getAttribute('lang') === code) return;
    element.setAttribute('lang', code);
    element.setAttribute('dir', directionOf(code));
    element.setAttribute('data-tawasul-dir', directionOf(code));
  };

  // wagtail-localize writes "<source> to <target> translation" in English whatever the admin's language.
  const translateHeading = (editor) => {
    const pattern = settings.strings && settings.strings.translationHeading;
    if (!pattern || editor.tawasulHeadingDone) return;
    let props;
    try {
      props = JSON.parse(editor.dataset.props);
    } catch (error) {
      return;
    }
    const english = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.trim() === english) {
        node.nodeValue = pattern
          .replace('%(source)s', props.sourceLocale.displayName)
          .replace('%(target)s', props.locale.displayName);
        editor.tawasulHeadingDone = true;
      }
    }
  };

  const translationEditorLanguages = (root) => {
    const editor = document.querySelector('.js-translation-editor[data-props]');
    if (!editor) return;
    if (!editor.tawasulLocales) {
      try {
        const props = JSON.parse(editor.dataset.props);
        editor.tawasulLocales = { source: props.sourceLocale.code, target: props.locale.code };
      } catch (error) {
        editor.tawasulLocales = null;
      }
    }
    const upload = editor.querySelector('input[type="file"]:not([aria-label])');
    if (upload && settings.strings) upload.setAttribute('aria-label', settings.strings.poFile);
    const locales = editor.tawasulLocales;
    if (!locales) return;
    translateHeading(editor);
    // Each string is an <li> with the source text (<p>), then the translation (a <div> holding
    // a <p> or, while it is edited, a <textarea>), then its actions.
    editor.querySelectorAll('li').forEach((segment) => {
      const source = segment.querySelector(':scope > p:first-child');
      const translation = source && source.nextElementSibling;
      if (!source || !translation || translation.tagName !== 'DIV') return;
      markLanguage(source, locales.source);
      markLanguage(translation, locales.target);
    });
  };

  // Wagtail's workflow action dialog ("Approve with comment") puts its fields straight into a
  // <ul class="fields">, without <li>: give each its list item.
  const ALLOWED_IN_LIST = ['LI', 'SCRIPT', 'TEMPLATE'];
  const wrapListChildren = (root) => {
    root.querySelectorAll('ul.fields').forEach((list) => {
      [...list.children]
        .filter((child) => !ALLOWED_IN_LIST.includes(child.tagName))
        .forEach((child) => {
          const item = document.createElement('li');
          child.before(item);
          item.append(child);
        });
    });
  };

  // Draftail's inline styles for comments are not content (Wagtail's commentable editor leaves
  // them out of what it saves as well).
  const withoutCommentStyles = (raw) => {
    raw.blocks.forEach((block) => {
      block.inlineStyleRanges = (block.inlineStyleRanges || []).filter(
        (range) => !String(range.style).startsWith('COMMENT'),
      );
    });
    return raw;
  };

  const writeRichText = (form) => {
    const draftail = window.Draftail;
    if (!draftail || typeof draftail.serialiseEditorStateToRaw !== 'function') return;
    form.querySelectorAll('input[type="hidden"]').forEach((input) => {
      const editor = input.draftailEditor;
      if (!editor || typeof editor.getEditorState !== 'function') return;
      const raw = draftail.serialiseEditorStateToRaw(editor.getEditorState());
      const value = raw ? withoutCommentStyles(raw) : null;
      input.rawContentState = value;
      input.value = JSON.stringify(value);
    });
  };

  // Capture: before Wagtail's own submit handlers (unsaved changes, autosave) read the form.
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target instanceof HTMLFormElement) writeRichText(event.target);
    },
    true,
  );

  const apply = () => {
    wrapListChildren(document);
    latinSlugs(document);
    nameRichTextEditors(document);
    focusableMinimap(document);
    translationEditorLanguages(document);
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      apply();
    });
  };

  const start = () => {
    apply();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
