/*
 * The WPS add-in's root script (ES5: it runs before anything else, in every WPS webview): the callbacks of
 * ribbon.xml. The button opens the task pane (taskpane.html beside this file) through CreateTaskPane, once
 * per WPS session, and afterwards shows or hides that pane (its id is kept in PluginStorage).
 */
/* exported ribbon */
var ribbon = (function () {
  "use strict";
  var PANE_KEY = "pioneer_scorecard_taskpane";
  var TITLE = "示范岗考评助手";

  function app() {
    return window.Application;
  }
  // WPS offers these on Application (newer builds) and on window.wps (the documented namespace).
  function api(name) {
    var a = app();
    if (a && typeof a[name] === "function") return a[name].bind(a);
    if (window.wps && typeof window.wps[name] === "function") return window.wps[name].bind(window.wps);
    return null;
  }
  function storage() {
    var a = app();
    return (a && a.PluginStorage) || (window.wps && window.wps.PluginStorage) || null;
  }
  // The folder of this page (http(s):// online, file:// offline), where taskpane.html is.
  function base() {
    return window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
  }

  function togglePane() {
    var store = storage();
    var id = store ? store.getItem(PANE_KEY) : null;
    var pane = null;
    if (id) {
      try {
        pane = api("GetTaskPane")(id);
      } catch (ignored) {
        // The pane of that id is gone (WPS restarted): a new one is created below.
        pane = null;
      }
    }
    if (pane) {
      pane.Visible = !pane.Visible;
      return;
    }
    var create = api("CreateTaskPane");
    if (!create) {
      window.alert("此版本的 WPS 不支持加载项任务窗格（CreateTaskPane）。请升级 WPS，或改用浏览器预览页面。");
      return;
    }
    pane = create(base() + "taskpane.html", TITLE);
    if (store) store.setItem(PANE_KEY, pane.ID);
    pane.Visible = true;
  }

  return {
    OnAddinLoad: function (ribbonUI) {
      var a = app();
      if (a && typeof a.ribbonUI !== "object") a.ribbonUI = ribbonUI;
      return true;
    },
    OnAction: function (control) {
      if (control && control.Id === "btnPioneerScorecard") togglePane();
      return true;
    },
    GetImage: function () {
      return "assets/icon-32.png";
    },
  };
})();
